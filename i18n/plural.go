package i18n

import (
	"fmt"
	"strconv"
	texttemplate "text/template"

	"github.com/nicksnyder/go-i18n/v2/i18n/template"
)

// Catalog messages may choose a word's form by count:
//
//	{{.Got}} {{plural .Got `réplica` `réplicas`}}
//
// picks the form by the language's rule (French: singular for 0 and 1; English: for 1).

// langParser parses a language's templates with its functions. go-i18n caches what a
// parser parses only when the parser says it can, and a parser with functions says no by
// default: each message would be parsed again on every call. Ours can: each language has
// its own parser, its functions depend on nothing else, and a message's template belongs
// to one language (every key exists in each language, tested).
type langParser struct{ template.TextParser }

func (*langParser) Cacheable() bool { return true }

var parsers = func() map[Lang]*langParser {
	m := make(map[Lang]*langParser, len(Langs))
	for _, lang := range Langs {
		m[lang] = &langParser{template.TextParser{Funcs: texttemplate.FuncMap{
			"plural": func(n any, one, other string) string {
				if singular(lang, n) {
					return one
				}
				return other
			},
		}}}
	}
	return m
}()

// parser returns the template parser of t's language (the default language's for one
// without catalogs).
func (t *Translator) parser() template.Parser {
	if p, ok := parsers[t.lang]; ok {
		return p
	}
	return parsers[Langs[0]]
}

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
