package i18n

import (
	"fmt"
	"strconv"
)

// Catalog messages may choose a word's form by count:
//
//	{{.Got}} {{plural .Got `réplica` `réplicas`}}
//
// picks the form by the language's rule (French: singular for 0 and 1; English: for 1).

// singular reports whether count n takes the singular form in lang.
func singular(lang Lang, n any) bool {
	v, err := strconv.ParseFloat(fmt.Sprint(n), 64)
	if err != nil {
		return false
	}
	if lang == FR {
		return v >= 0 && v < 2
	}
	return v == 1
}
