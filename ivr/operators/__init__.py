"""People behind the hotline: the operator queue (`queue`), callback requests (`callbacks`) and the
satisfaction question after a call (`ratings`)."""
