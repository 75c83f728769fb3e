package i18n

import "testing"

// BenchmarkLoadBundle parses the embedded catalogs French needs, what every command
// pays once at start (the default language).
func BenchmarkLoadBundle(b *testing.B) {
	for b.Loop() {
		bundleMu.Lock()
		delete(bundles, FR)
		bundleMu.Unlock()
		if _, err := loadBundle(FR); err != nil {
			b.Fatal(err)
		}
	}
}
