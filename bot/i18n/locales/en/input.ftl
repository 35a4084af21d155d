# Hostile or odd input: refusals with a reason the person can act on.
error-control-character = That text has an invisible control character in it (copying from some apps does this). Please type it again.
date-far = “{ $text }” is too far ahead: please choose a date within the next 5 years.
