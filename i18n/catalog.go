package i18n

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"text/template"

	toml "github.com/pelletier/go-toml/v2"
)

// A catalog is one language's messages by id, read from the embedded
// locales/*.LANG.toml files. A message is a string, or a table of plural forms
// (« one », « other »). Every command reads the catalogs when it starts (go-i18n's
// bundle made that three times as costly as the TOML itself: it built every language's
// plural rules and a template object per message), so each language reads only its own
// files, once; a file is indexed (index.go) and each message decoded when first asked
// for; a template is parsed the first time it renders.
type catalog struct {
	mu sync.Mutex
	// src holds the TOML of the messages not decoded yet, forms the decoded ones.
	src   map[string]string
	forms map[string]forms
}

// forms are a message's texts: other always, one for a message with plural forms.
type forms struct {
	one, other string
}

var (
	catalogMu sync.Mutex
	loaded    = map[Lang]*catalog{}
)

// loadCatalog returns lang's catalog, read on first use.
func loadCatalog(lang Lang) (*catalog, error) {
	catalogMu.Lock()
	defer catalogMu.Unlock()
	if c, ok := loaded[lang]; ok {
		return c, nil
	}
	c, err := readCatalog(lang, true)
	if err != nil {
		return nil, err
	}
	loaded[lang] = c
	return c, nil
}

// readCatalog reads lang's catalog files in name order (see build).
func readCatalog(lang Lang, lazy bool) (*catalog, error) {
	files, err := fs.Glob(catalogs, path.Join("locales", "*."+string(lang)+".toml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	data := make([]string, len(files))
	for i, f := range files {
		b, err := catalogs.ReadFile(f)
		if err != nil {
			return nil, err
		}
		data[i] = string(b)
	}
	return build(files, data, lazy)
}

// build makes a catalog of files (names, and their data), a later file's message
// replacing an earlier one: each file indexed when lazy (one the index does not know is
// parsed whole), else parsed whole.
func build(names, data []string, lazy bool) (*catalog, error) {
	c := &catalog{src: make(map[string]string, catalogSize), forms: map[string]forms{}}
	for i, d := range data {
		if lazy && indexInto(c.src, d) {
			if len(c.forms) > 0 { // an earlier file was parsed whole: this one's messages win
				msgs, _ := index(d)
				for id := range msgs {
					delete(c.forms, id)
				}
			}
			continue
		}
		parsed, err := parseMessages([]byte(d))
		if err != nil {
			return nil, fmt.Errorf("catalog %s: %w", names[i], err)
		}
		for id, fm := range parsed {
			c.forms[id] = fm
			delete(c.src, id)
		}
	}
	return c, nil
}

// parseMessages decodes catalog TOML (a file, or one message's lines) into its messages.
func parseMessages(data []byte) (map[string]forms, error) {
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	out := map[string]forms{}
	if err := addForms(out, "", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// lookup returns message id, decoded on first use. A message whose TOML fails to decode
// is missing (TestIndexMatchesTheParse decodes every message of every catalog).
func (c *catalog) lookup(id string) (forms, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.forms[id]; ok {
		return f, true
	}
	src, ok := c.src[id]
	if !ok {
		return forms{}, false
	}
	if f, ok := quickDecode(src); ok {
		delete(c.src, id)
		c.forms[id] = f
		return f, true
	}
	parsed, err := parseMessages([]byte(src))
	delete(c.src, id)
	if err != nil {
		return forms{}, false
	}
	for k, f := range parsed {
		if c.src[k] == src || k == id { // a table of messages decodes to all of them
			c.forms[k] = f
			delete(c.src, k)
		}
	}
	f, ok := c.forms[id]
	return f, ok
}

// ids returns every message id of the catalog.
func (c *catalog) ids() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.src)+len(c.forms))
	for id := range c.src {
		out = append(out, id)
	}
	for id := range c.forms {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// catalogSize is about the number of messages of a language, so the catalog does not grow
// while it is read.
const catalogSize = 1024

// pluralKeys are the keys of a table of plural forms; French and English use two.
var pluralKeys = map[string]bool{"one": true, "other": true}

// addForms adds the messages of parsed TOML (or of one of its tables, under prefix) to c:
// a string is a message, a table of plural forms is one, any other table holds messages
// whose ids it prefixes (« [a] b = … » is « a.b »).
func addForms(c map[string]forms, prefix string, raw map[string]any) error {
	for k, v := range raw {
		id := k
		if prefix != "" {
			id = prefix + "." + k
		}
		switch v := v.(type) {
		case string:
			c[id] = forms{other: v}
		case map[string]any:
			f, isForms, err := pluralForms(id, v)
			if err != nil {
				return err
			}
			if !isForms {
				if err := addForms(c, id, v); err != nil {
					return err
				}
				continue
			}
			c[id] = f
		default:
			return fmt.Errorf("message %s: a %T, want a string or a table", id, v)
		}
	}
	return nil
}

// pluralForms reads a table of plural forms; isForms is false for a table of messages.
func pluralForms(id string, t map[string]any) (f forms, isForms bool, err error) {
	var plural, other []string
	for k, v := range t {
		if _, ok := v.(string); ok && pluralKeys[strings.ToLower(k)] {
			plural = append(plural, k)
		} else {
			other = append(other, k)
		}
	}
	switch {
	case len(plural) == 0:
		return forms{}, false, nil
	case len(other) > 0:
		sort.Strings(other)
		return forms{}, false, fmt.Errorf("message %s: plural forms mixed with %s", id, strings.Join(other, ", "))
	}
	for k, v := range t {
		if strings.EqualFold(k, "one") {
			f.one = v.(string)
		} else {
			f.other = v.(string)
		}
	}
	return f, true, nil
}

// localize renders message id with data: its singular form when plural and count take
// it, else its other form. A missing message or form, or a template that fails, renders
// as the id in brackets.
func (t *Translator) localize(id string, plural bool, count int, data any) string {
	f, ok := t.msgs.lookup(id)
	src := f.other
	if plural && singular(t.rule, count) {
		src = f.one
	}
	if !ok || src == "" {
		return "[" + id + "]"
	}
	if !strings.Contains(src, "{{") {
		return src
	}
	tmpl, err := parseTemplate(t.rule, src)
	if err != nil {
		return "[" + id + "]"
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		return "[" + id + "]"
	}
	return b.String()
}

// templateKey names a parsed template: its text in one language (its plural function
// follows the language's rule).
type templateKey struct {
	lang Lang
	src  string
}

var (
	templateMu sync.Mutex
	templates  = map[templateKey]*template.Template{}
)

// parseTemplate returns the template of src in lang, parsed once. A missing key renders
// as « <no value> », as text/template's default does.
func parseTemplate(lang Lang, src string) (*template.Template, error) {
	k := templateKey{lang, src}
	templateMu.Lock()
	defer templateMu.Unlock()
	if tmpl, ok := templates[k]; ok {
		return tmpl, nil
	}
	tmpl, err := template.New("").Option("missingkey=default").Funcs(template.FuncMap{
		"plural": func(n any, one, other string) string {
			if singular(lang, n) {
				return one
			}
			return other
		},
	}).Parse(src)
	if err != nil {
		return nil, err
	}
	templates[k] = tmpl
	return tmpl, nil
}
