// Package i18n holds kubetutor's message catalogs (French by default, English) and the
// translator every user-facing string goes through.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
)

//go:embed locales
var catalogs embed.FS

// Lang is a UI language kubetutor speaks.
type Lang string

// The languages kubetutor ships catalogs for. French is the default.
const (
	FR Lang = "fr"
	EN Lang = "en"
)

// Langs lists the supported languages, default first.
var Langs = []Lang{FR, EN}

// ParseLang maps a flag value or locale string ("en", "en_US.UTF-8", "fr-CA") to a Lang.
// ok is false when the value names no supported language.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "_-.@"); i >= 0 {
		s = s[:i]
	}
	for _, l := range Langs {
		if string(l) == s {
			return l, true
		}
	}
	return FR, false
}

// Detect picks the UI language: the explicit value first (a --lang flag), then
// KUBETUTOR_LANG, then LC_ALL, LC_MESSAGES and LANG as POSIX orders them. A locale that
// names a language kubetutor does not speak (or C/POSIX) falls back to French.
func Detect(explicit string) Lang {
	return detect(explicit, os.Getenv)
}

func detect(explicit string, getenv func(string) string) Lang {
	if explicit != "" {
		l, _ := ParseLang(explicit)
		return l
	}
	if l, ok := ParseLang(getenv("KUBETUTOR_LANG")); ok {
		return l
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val := getenv(v); val != "" {
			l, _ := ParseLang(val)
			return l
		}
	}
	return FR
}

// Translator renders catalog messages in one language.
type Translator struct {
	lang Lang
	// rule is the language whose plural rule and catalogs apply: lang, or the default
	// language for one kubetutor has no catalogs for.
	rule Lang
	msgs *catalog
}

// New returns a translator for lang. The catalogs are embedded, so an error here is a
// build defect; tests load every catalog to catch it.
func New(lang Lang) *Translator {
	rule := lang
	if !slices.Contains(Langs, lang) {
		rule = Langs[0]
	}
	c, err := loadCatalog(rule)
	if err != nil {
		panic(err)
	}
	return &Translator{lang: lang, rule: rule, msgs: c}
}

// Lang reports the translator's language.
func (t *Translator) Lang() Lang { return t.lang }

// T renders the message id with optional template data (a map or struct). A missing
// message renders as its id in brackets, so a defect shows instead of an empty screen.
func (t *Translator) T(id string, data ...any) string {
	var d any
	if len(data) > 0 {
		d = localizeData(t.lang, data[0])
	}
	return t.localize(id, false, 0, d)
}

// N renders a message with plural forms chosen by count; count is also available to the
// template as .Count.
func (t *Translator) N(id string, count int, data ...map[string]any) string {
	td := map[string]any{"Count": count}
	if len(data) > 0 {
		for k, v := range data[0] {
			td[k] = v
		}
	}
	return t.localize(id, true, count, localizeData(t.lang, td))
}

// Msg renders a Message. A value of its data that is itself a Message is rendered in the
// same language first (« YAML invalide à la ligne 3 : {{.Detail}} » with a localized detail).
func (t *Translator) Msg(m Message) string {
	if m.Data == nil {
		return t.T(m.ID)
	}
	var data map[string]any // a copy, made only when a value is a Message
	for k, v := range m.Data {
		if sub, ok := v.(Message); ok {
			if data == nil {
				data = maps.Clone(m.Data)
			}
			data[k] = t.Msg(sub)
		}
	}
	if data == nil {
		data = m.Data
	}
	return t.T(m.ID, data)
}

// Message is a localizable text: a catalog id and its template data. Packages that
// produce text for students return Messages, and the UI renders them in its language.
type Message struct {
	ID   string
	Data map[string]any
}

// M builds a Message from an id and alternating key, value pairs.
func M(id string, kv ...any) Message {
	m := Message{ID: id}
	if len(kv) > 0 {
		m.Data = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m.Data[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	return m
}

// String renders the message in English, for logs.
func (m Message) String() string { return New(EN).Msg(m) }

// MessageIDs returns every message id of a language's catalogs, sorted. Tests use it to
// find keys missing in a locale or unused by the code.
func MessageIDs(lang Lang) ([]string, error) {
	files, err := fs.Glob(catalogs, path.Join("locales", "*."+string(lang)+".toml"))
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, f := range files {
		data, err := catalogs.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var raw map[string]any
		if err := toml.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k := range raw {
			ids = append(ids, k)
		}
	}
	sort.Strings(ids)
	return ids, nil
}
