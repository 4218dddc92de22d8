"""People behind the hotline: their accounts as stored (`roster`) and the sign-in throttle
(`sign_in_throttle`), the operator queue (`queue`), callback requests (`callbacks`) and the
satisfaction question after a call (`ratings`)."""
