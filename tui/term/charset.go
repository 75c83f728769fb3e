package term

import (
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
)

// Character sets, done before the emulator. x/vt v0.1.0 registers SO and SI among the
// C1 controls (where they never match), has no 7-bit single shifts (ESC N, ESC O), maps
// the UK set's '$' instead of '#', does not save the sets with DECSC, and repeats (REP)
// the last ASCII character rather than a line-drawing one: box drawing with SO/SI
// (vttest, dialog, `tput smacs` under some TERM) printed letters. So the pane keeps the
// emulator in US-ASCII for good (it never sees a designation nor a locking shift) and
// translates what the program prints in another set into the Unicode characters a
// terminal shows for them: the tracker follows the designations of G0…G3, the set in GL
// (SO, SI, LS2, LS3) and the single shifts, and hands the feeder the translation.

// charsets is the character-set part of a terminal's state, saved by DECSC.
type charsets struct {
	g  [4]byte // G0…G3: '0' DEC special graphics, 'A' United Kingdom, 'B' US-ASCII
	gl int     // the set invoked into GL
}

func defaultCharsets() charsets { return charsets{g: [4]byte{'B', 'B', 'B', 'B'}} }

// designate returns the set a designation's final byte selects (ESC ( F and the like):
// DEC special graphics ('0', and the VT100's alternate ROM graphics '2'), UK, and
// US-ASCII for everything else (national sets need a mode a student's terminal does not
// turn on, and tmux treats them as ASCII too).
func designate(final byte) byte {
	switch final {
	case '0', '2':
		return '0'
	case 'A':
		return 'A'
	}
	return 'B'
}

// translate returns what a terminal prints for the byte c of set (empty when it prints
// c itself).
func translate(set byte, c byte) string {
	switch set {
	case '0':
		switch c { // x/vt's table has the slanted ⩽ ⩾; xterm and tmux draw these
		case 'y':
			return "≤"
		case 'z':
			return "≥"
		}
		return vt.SpecialDrawing[c]
	case 'A':
		if c == '#' {
			return "£"
		}
	}
	return ""
}

// mapping reports whether the next printable character may not print as itself (another
// set, or insert mode).
func (t *tracker) mapping() bool { return t.cs.g[t.cs.gl] != 'B' || t.single != 0 || t.irm }

// print mirrors a printed character: it takes a pending single shift, sets subst when a
// printable ASCII character prints as another one, and remembers for REP the last
// character when the emulator would repeat another one (rep; empty when it repeats the
// right one).
func (t *tracker) print(r rune) {
	set := t.cs.g[t.cs.gl]
	if t.single != 0 {
		set, t.single = t.cs.g[t.single], 0
	}
	if r >= 0x20 && r < 0x7f {
		t.subst = translate(set, byte(r))
		t.rep = t.subst
		if t.irm {
			t.insert = 1
		}
		return
	}
	starts := !joinsCluster(t.prev, r, t.regional)
	if isRegional(r) && starts {
		t.regional = 1
	} else {
		t.regional = 0
	}
	t.prev = r
	if w := ansi.StringWidth(string(r)); r >= 0x80 && w > 0 {
		t.rep = string(r) // the emulator repeats only ASCII (its lastChar)
		if t.irm {
			t.insert = w
		}
		t.wide = w > 1 && starts && t.awm && !t.irm
	}
}

// joinsCluster reports whether r continues the grapheme cluster of prev (the last
// character printed, 0 after a control or a sequence), as the emulator's segmenter
// would take it where a wide character is concerned: after a zero width joiner, an
// emoji modifier, the second regional indicator of a flag (regional is 1 after an
// unpaired one).
func joinsCluster(prev, r rune, regional int) bool {
	switch {
	case prev == 0:
		return false
	case prev == 0x200d:
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff:
		return true
	case isRegional(r) && isRegional(prev) && regional == 1:
		return true
	}
	return false
}

func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// charsetControl mirrors SO, SI and the 8-bit single shifts.
func (t *tracker) charsetControl(b byte) {
	switch b {
	case ansi.SO:
		t.cs.gl = 1
	case ansi.SI:
		t.cs.gl = 0
	case ansi.SS2:
		t.single = 2
	case ansi.SS3:
		t.single = 3
	}
}

// charsetEsc mirrors the ESC sequences of character sets and reports whether final
// (with inter) was one. Designations and locking shifts are dropped: the emulator would
// act on some of them.
func (t *tracker) charsetEsc(inter, final byte) bool {
	switch {
	case inter == 0 && final == 'n':
		t.cs.gl = 2
	case inter == 0 && final == 'o':
		t.cs.gl = 3
	case inter == 0 && final == 'N':
		t.single = 2
		return true // the emulator ignores it
	case inter == 0 && final == 'O':
		t.single = 3
		return true
	case inter >= '(' && inter <= '+':
		t.cs.g[inter-'('] = designate(final)
	case inter >= '-' && inter <= '/': // 96-character sets: none is drawn
		t.cs.g[inter-','] = 'B'
	default:
		return false
	}
	t.instead = dropSequence
	return true
}

// dropSequence writes nothing in place of a sequence.
func dropSequence(*session, []byte) {}
