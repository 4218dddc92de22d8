"""Time as the hotline keeps it: the one clock (`clock.now`, moved by tests), local time at the edges
(`localtime`), China's working days (`workdays`), staffed operator hours (`staffed_hours`,
`staffed_time`) and outlets' opening hours (`outlet_hours`)."""
