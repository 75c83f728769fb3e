package workshop

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"net"
	"strings"
)

// CodeAlphabet is the alphabet of event codes: no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V.
const CodeAlphabet = "34679ACDEFGHJKMNPQRTWXY"

// CodeLen is the length of an event code.
const CodeLen = 6

// NewCode returns a random event code.
func NewCode() string {
	var b strings.Builder
	max := big.NewInt(int64(len(CodeAlphabet)))
	for range CodeLen {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		b.WriteByte(CodeAlphabet[n.Int64()])
	}
	return b.String()
}

// NormalizeCode upper-cases a typed code and reports whether it is well formed.
func NormalizeCode(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != CodeLen {
		return s, false
	}
	for _, r := range s {
		if !strings.ContainsRune(CodeAlphabet, r) {
			return s, false
		}
	}
	return s, true
}

// JoinLine is what a student types to join: CODE@ADDR, with #FINGERPRINT when TLS.
type JoinLine struct {
	Code        string
	Addr        string // host:port
	Fingerprint string
}

// String renders the join line.
func (j JoinLine) String() string {
	s := j.Code + "@" + j.Addr
	if j.Fingerprint != "" {
		s += "#" + j.Fingerprint
	}
	return s
}

// ParseJoinLine parses CODE@HOST:PORT[#FINGERPRINT].
func ParseJoinLine(s string) (JoinLine, error) {
	var j JoinLine
	code, rest, ok := strings.Cut(strings.TrimSpace(s), "@")
	if !ok {
		return j, fmt.Errorf("%q: expected CODE@ADDRESS", s)
	}
	j.Code, ok = NormalizeCode(code)
	if !ok {
		return j, fmt.Errorf("%q is not an event code", code)
	}
	j.Addr, j.Fingerprint, _ = strings.Cut(rest, "#")
	if _, _, err := net.SplitHostPort(j.Addr); err != nil {
		return j, fmt.Errorf("%q is not HOST:PORT: %w", j.Addr, err)
	}
	return j, nil
}
