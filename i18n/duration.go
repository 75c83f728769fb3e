package i18n

import (
	"fmt"
	"time"
)

// Duration renders a duration the way every screen writes it: « 30 s », « 2 min »,
// « 2 min 5 s » (the same in English), never Go's « 2m5s ».
func Duration(d time.Duration) string {
	sec := int(d.Round(time.Second).Seconds())
	if sec < 60 {
		return fmt.Sprintf("%d s", sec)
	}
	if sec%60 == 0 {
		return fmt.Sprintf("%d min", sec/60)
	}
	return fmt.Sprintf("%d min %d s", sec/60, sec%60)
}
