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
// (« one », « other »). Every command pays this parse when it starts (it was go-i18n's,
// three times as costly: its bundle built every language's plural rules and a template
// object per message), so each language parses only its own files, once, and a template
// is parsed the first time it renders.
type catalog map[string]forms

// forms are a message's texts: other always, one for a message with plural forms.
type forms struct {
	one, other string
}

var (
	catalogMu sync.Mutex
	loaded    = map[Lang]catalog{}
)

// loadCatalog returns lang's catalog, parsed on first use.
func loadCatalog(lang Lang) (catalog, error) {
	catalogMu.Lock()
	defer catalogMu.Unlock()
	if c, ok := loaded[lang]; ok {
		return c, nil
	}
	files, err := fs.Glob(catalogs, path.Join("locales", "*."+string(lang)+".toml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	c := make(catalog, catalogSize)
	for _, f := range files {
		data, err := catalogs.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var raw map[string]any
		if err := toml.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", f, err)
		}
		if err := c.add("", raw); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", f, err)
		}
	}
	loaded[lang] = c
	return c, nil
}

// catalogSize is about the number of messages of a language, so the catalog does not grow
// while it is read.
const catalogSize = 1024

// pluralKeys are the keys of a table of plural forms; French and English use two.
var pluralKeys = map[string]bool{"one": true, "other": true}

// add adds the messages of a parsed file (or of one of its tables, under prefix): a string
// is a message, a table of plural forms is one, any other table holds messages whose ids
// it prefixes (« [a] b = … » is « a.b »). A later file's message replaces an earlier one.
func (c catalog) add(prefix string, raw map[string]any) error {
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
				if err := c.add(id, v); err != nil {
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
	f, ok := t.msgs[id]
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
