# English as international coalitions write it: day, month name, year ("21 September 2020"),
# as in their documents, not the US "Sept. 21, 2020".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
