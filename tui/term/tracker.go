package term

import (
	"bytes"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/parser"
)

// tracker follows, beside the emulator, the little of its state the fast path depends
// on: whether plain ASCII text printed now would get the default style and no link,
// whether it would print as itself (character sets), whether a line feed at the bottom
// scrolls the whole screen into the scrollback (scroll margins), whether long lines
// wrap, and which screen is shown. It parses the same bytes with the same parser
// (x/ansi, set up as the emulator sets up its own) and mirrors what the emulator's
// handlers do with them, so both agree on every sequence boundary. When it cannot tell,
// it says « not plain », which only sends the bytes down the emulator's ordinary path.
//
// Plain ASCII text and CR LF in the ground state change none of this (but a pending
// single shift), so the feeder skips the tracker for them.
type tracker struct {
	p *ansi.Parser
	h int // the emulator's height, for DECSTBM's default bottom margin
	w int // its width, for DECSLRM's default right margin

	alt   bool       // the alternate screen is shown (screen index 1)
	vfull [2]bool    // per screen: the top and bottom margins are the screen's
	hfull [2]bool    // per screen: the left and right margins are the screen's
	awm   bool       // autowrap (DECAWM)
	lrmm  bool       // left and right margin mode (DECLRMM)
	gl    int        // the character set invoked into GL
	ascii [4]bool    // per G0…G3: designated as US-ASCII (the emulator's nil set)
	shift bool       // a single shift (SS2/SS3) waits for the next character
	sgr   [2]bool    // per screen: the pen's style part is the default
	link  [2]bool    // per screen: the pen has no hyperlink
	lsave [2][2]bool // per screen: style and link parts saved by DECSC

	// clearHistory is set when the bytes erased the main screen's scrollback (ED 3);
	// the feeder clears its own history and resets it.
	clearHistory bool
	// extra is set to a sequence x/vt ignores and a terminal does not: the feeder writes
	// its equivalent after it (DECALN, DECCOLM; see extensions.go).
	extra func(*session)
}

// trackerData is how much of a string sequence (OSC, DCS…) the tracker keeps.
const trackerData = 64 << 10

func newTracker(w, h int) *tracker {
	t := &tracker{p: ansi.NewParser(), w: w, h: h}
	// The same parameters as the emulator's parser, so both dispatch the same
	// sequences. String data is only read for OSC 8, and a cut payload (the emulator
	// keeps 4 MB) can only make the link look set: the cautious side.
	t.p.SetParamsSize(parser.MaxParamsSize)
	t.p.SetDataSize(trackerData)
	t.p.SetHandler(ansi.Handler{
		Print:     func(rune) { t.shift = false },
		Execute:   t.execute,
		HandleCsi: t.csi,
		HandleEsc: t.esc,
		HandleOsc: t.osc,
	})
	t.reset()
	return t
}

// reset is RIS: the emulator resets both screens, the modes and the character sets.
func (t *tracker) reset() {
	t.alt = false
	for i := range 2 {
		t.sgr[i], t.link[i] = true, true
		t.lsave[i] = [2]bool{true, true}
		t.vfull[i], t.hfull[i] = true, true
	}
	t.awm, t.lrmm = true, false
	t.gl = 0
	t.ascii = [4]bool{true, true, true, true}
	t.shift = false
}

// resize is the emulator's Resize: both screens get full margins again.
func (t *tracker) resize(w, h int) {
	t.w, t.h = w, h
	for i := range 2 {
		t.vfull[i], t.hfull[i] = true, true
	}
}

// ground reports whether the parser is between sequences.
func (t *tracker) ground() bool { return t.p.State() == parser.GroundState }

// advance feeds one byte that is not plain text in the ground state.
func (t *tracker) advance(b byte) { t.p.Advance(b) }

// printed records that plain text was printed (it takes a pending single shift).
func (t *tracker) printed() { t.shift = false }

func (t *tracker) scr() int {
	if t.alt {
		return 1
	}
	return 0
}

// plain reports whether plain ASCII text and CR LF would be handled by the emulator
// exactly as the fast path handles them, on the main screen.
func (t *tracker) plain() bool {
	return !t.alt && t.sgr[0] && t.link[0] && t.vfull[0] && t.hfull[0] && t.awm && !t.lrmm &&
		t.ascii[t.gl&3] && !t.shift
}

// execute mirrors the emulator's control handlers. It has SS2 and SS3 (8-bit) but not
// SO and SI: x/vt v0.1.0 registers those among the C1 controls, where they never match,
// so they do nothing there either.
func (t *tracker) execute(b byte) {
	if b == ansi.SS2 || b == ansi.SS3 {
		t.shift = true
	}
}

func (t *tracker) esc(cmd ansi.Cmd) {
	i := t.scr()
	switch inter, final := cmd.Intermediate(), cmd.Final(); {
	case inter == 0 && final == '7':
		t.save(i)
	case inter == 0 && final == '8':
		t.restore(i)
	case inter == 0 && final == 'c':
		t.reset()
	case inter == 0 && final == 'n':
		t.gl = 2
	case inter == 0 && final == 'o':
		t.gl = 3
	case inter >= '(' && inter <= '+' && (final == 'A' || final == 'B' || final == '0'):
		t.ascii[inter-'('] = final == 'B'
	case inter == '#' && final == '8':
		t.extra = (*session).alignmentTest
	}
}

func (t *tracker) save(i int)    { t.lsave[i] = [2]bool{t.sgr[i], t.link[i]} }
func (t *tracker) restore(i int) { t.sgr[i], t.link[i] = t.lsave[i][0], t.lsave[i][1] }

func (t *tracker) csi(cmd ansi.Cmd, params ansi.Params) {
	i := t.scr()
	prefix, inter, final := cmd.Prefix(), cmd.Intermediate(), cmd.Final()
	if inter != 0 {
		return // none of the emulator's sequences with an intermediate touch this state
	}
	switch {
	case prefix == 0 && final == 'm':
		// Default only when every parameter resets (a 0 inside 38;5;0 is a color).
		def := true
		for _, p := range params {
			if p.Param(0) != 0 || p.HasMore() {
				def = false
			}
		}
		t.sgr[i] = def
	case prefix == 0 && final == 'r':
		top, _, _ := params.Param(0, 1)
		top = max(top, 1)
		bottom, _, _ := params.Param(1, t.h)
		if bottom < 1 {
			bottom = t.h
		}
		if top < bottom {
			t.vfull[i] = top == 1 && bottom == t.h
		}
	case prefix == 0 && final == 's':
		if !t.lrmm {
			t.save(i)
			return
		}
		left, _, _ := params.Param(0, 1)
		left = max(left, 1)
		right, _, _ := params.Param(1, t.w)
		if right < 1 {
			right = t.w
		}
		if left < right {
			t.hfull[i] = left == 1 && right == t.w
		}
	case prefix == 0 && final == 'J':
		if n, _, _ := params.Param(0, 0); n == 3 && !t.alt {
			t.clearHistory = true
		}
	case prefix == '?' && (final == 'h' || final == 'l'):
		for _, p := range params {
			t.decMode(p.Param(-1), final == 'h')
		}
	}
}

// decMode mirrors the emulator's setMode for the DEC modes that matter here.
func (t *tracker) decMode(mode int, set bool) {
	switch mode {
	case 3: // DECCOLM: as tmux, clear the screen and reset the margins (no 132 columns)
		t.vfull[t.scr()] = true
		t.extra = (*session).columnMode
	case 7:
		t.awm = set
	case 69:
		t.lrmm = set
	case 1048:
		if set {
			t.save(t.scr())
		} else {
			t.restore(t.scr())
		}
	case 1049:
		if set {
			t.save(t.scr())
		}
		t.switchScreen(set)
	case 1047:
		t.switchScreen(set)
	}
}

// switchScreen mirrors setAltScreenMode: the alternate screen starts with the main
// screen's cursor (its pen); going back finds the main screen's cursor as it was.
func (t *tracker) switchScreen(alt bool) {
	if alt == t.alt {
		return
	}
	if alt {
		t.sgr[1], t.link[1] = t.sgr[0], t.link[0]
	}
	t.alt = alt
}

func (t *tracker) osc(cmd int, data []byte) {
	if cmd != 8 {
		return
	}
	parts := bytes.Split(data, []byte{';'})
	if len(parts) != 3 {
		return
	}
	t.link[t.scr()] = len(parts[1]) == 0 && len(parts[2]) == 0
}
