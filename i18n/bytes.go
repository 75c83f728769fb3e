package i18n

import (
	"fmt"
	"strings"
)

// Bytes is a size in bytes given as template data: the translator renders it in binary
// units in its language (« 21,8 Gio » in French, with a comma and a no-break space;
// "21.8 GiB" in English).
type Bytes int64

// FormatBytes renders n with one decimal in binary units of lang.
func FormatBytes(lang Lang, n int64) string {
	units, sep := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}, " "
	if lang == FR {
		units, sep = []string{"o", "Kio", "Mio", "Gio", "Tio", "Pio", "Eio"}, "\u00a0"
	}
	if n < 1024 {
		return fmt.Sprintf("%d%s%s", n, sep, units[0])
	}
	div, exp := int64(1024), 1
	for m := n / 1024; m >= 1024 && exp < len(units)-1; m /= 1024 {
		div *= 1024
		exp++
	}
	num := fmt.Sprintf("%.1f", float64(n)/float64(div))
	if lang == FR {
		num = strings.Replace(num, ".", ",", 1)
	}
	return num + sep + units[exp]
}

// localizeData returns data with its Bytes, Number and Percent values rendered for lang
// (a copy when any).
func localizeData(lang Lang, data any) any {
	m, ok := data.(map[string]any)
	if !ok {
		return data
	}
	var out map[string]any
	for k, v := range m {
		var s string
		switch v := v.(type) {
		case Bytes:
			s = FormatBytes(lang, int64(v))
		case Number:
			s = FormatNumber(lang, float64(v))
		case Percent:
			s = FormatPercent(lang, int(v))
		default:
			continue
		}
		if out == nil {
			out = make(map[string]any, len(m))
			for k2, v2 := range m {
				out[k2] = v2
			}
		}
		out[k] = s
	}
	if out == nil {
		return data
	}
	return out
}
