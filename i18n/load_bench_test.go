package i18n

import "testing"

// BenchmarkLoadBundle parses the embedded catalogs French needs, what every command
// pays once at start (the default language).
func BenchmarkLoadBundle(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		catalogMu.Lock()
		delete(loaded, FR)
		catalogMu.Unlock()
		if _, err := loadCatalog(FR); err != nil {
			b.Fatal(err)
		}
	}
}
