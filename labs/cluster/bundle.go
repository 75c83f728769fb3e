package cluster

import (
	"archive/tar"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// The offline bundle is a tar archive: a header entry (bundleHeader), then one `docker save`
// archive per image, whose reference and role are PAX records. One image per entry lets
// `images load` load the node image into the engine only and the lab images into the
// cluster's nodes too.
const (
	bundleHeaderName = "kubetutor-images.json"
	bundleFormat     = 1
	paxRef           = "KUBETUTOR.ref"
	paxNode          = "KUBETUTOR.node"
)

// ErrNotABundle: the file is not an image bundle kubetutor wrote.
var ErrNotABundle = errors.New("not a kubetutor image bundle")

// MissingImagesError lists images a bundle needs that the engine does not have.
type MissingImagesError struct{ Images []string }

func (e *MissingImagesError) Error() string {
	return fmt.Sprintf("images missing from the engine: %v", e.Images)
}

type bundleHeader struct {
	Format int      `json:"format"`
	Images []string `json:"images"`
}

// BundleProgress reports a bundle operation: the image being handled (Index of Count,
// from 1) and the bytes done of Total (an estimate when saving).
type BundleProgress struct {
	Image        string
	Index, Count int
	Done, Total  int64
}

// ProgressFunc receives bundle progress, at most a few times per second.
type ProgressFunc func(BundleProgress)

// SaveImages writes the node image and the lab images to one archive at path. Every image
// must be in the engine; the archive is written beside path and renamed when complete.
func (m *Manager) SaveImages(ctx context.Context, path, nodeImage string, labImages []string, fn ProgressFunc) error {
	refs := append([]string{nodeImage}, labImages...)
	var missing []string
	var total int64
	for _, ref := range refs {
		ok, err := m.runtime.ImagePresent(ctx, ref)
		if err != nil {
			return &RuntimeError{Runtime: m.runtime.Name(), Err: err}
		}
		if !ok {
			missing = append(missing, ref)
			continue
		}
		if size, err := m.runtime.ImageSize(ctx, ref); err == nil {
			total += size
		}
	}
	if len(missing) > 0 {
		return &MissingImagesError{Images: missing}
	}
	partial := path + ".partial"
	f, err := os.Create(partial)
	if err != nil {
		return err
	}
	defer os.Remove(partial)
	defer f.Close()
	p := newProgress(m.now, fn, BundleProgress{Count: len(refs), Total: total})
	tw := tar.NewWriter(f)
	hdr, _ := json.Marshal(bundleHeader{Format: bundleFormat, Images: refs})
	if err := writeEntry(tw, &tar.Header{Name: bundleHeaderName}, hdr); err != nil {
		return err
	}
	for i, ref := range refs {
		p.image(ref, i+1)
		if err := m.saveOne(ctx, tw, filepath.Dir(path), ref, i, i == 0, p); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	p.flush()
	return os.Rename(partial, path)
}

// saveOne saves ref to a scratch file (a tar entry needs its size first), then appends it.
func (m *Manager) saveOne(ctx context.Context, tw *tar.Writer, dir, ref string, i int, node bool, p *progress) error {
	tmp, err := os.CreateTemp(dir, ".kubetutor-image-*.tar")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if err := m.runtime.SaveImages(ctx, tmp, ref); err != nil {
		return &RuntimeError{Runtime: m.runtime.Name(), Err: err}
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	h := &tar.Header{
		Name: fmt.Sprintf("images/%02d.tar", i), Mode: 0o644, Size: size, ModTime: m.now(),
		Format:     tar.FormatPAX,
		PAXRecords: map[string]string{paxRef: ref, paxNode: strconv.FormatBool(node)},
	}
	if err := tw.WriteHeader(h); err != nil {
		return err
	}
	_, err = io.Copy(tw, &countingReader{r: tmp, p: p})
	return err
}

func writeEntry(tw *tar.Writer, h *tar.Header, data []byte) error {
	h.Mode, h.Size, h.Typeflag = 0o644, int64(len(data)), tar.TypeReg
	if err := tw.WriteHeader(h); err != nil {
		return err
	}
	_, err := tw.Write(data)
	return err
}

// LoadResult says what LoadImages did.
type LoadResult struct {
	Images int
	// Nodes are the cluster's nodes the lab images were loaded into (none without a
	// cluster).
	Nodes []string
}

// LoadImages loads a bundle into the engine and, when the cluster exists, its lab images
// into every node (what `kind load image-archive` does). The file is read once: each image
// is streamed to the engine and to the nodes at the same time.
func (m *Manager) LoadImages(ctx context.Context, path string, fn ProgressFunc) (LoadResult, error) {
	var res LoadResult
	f, err := os.Open(path)
	if err != nil {
		return res, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return res, err
	}
	if _, err := m.Preflight(ctx); err != nil {
		return res, err
	}
	nodes, err := m.provider.ListNodes(m.name)
	if err != nil {
		return res, &RuntimeError{Runtime: m.runtime.Name(), Err: err}
	}
	for _, n := range nodes {
		res.Nodes = append(res.Nodes, n.Name)
	}
	p := newProgress(m.now, fn, BundleProgress{Total: st.Size()})
	tr := tar.NewReader(&countingReader{r: f, p: p})
	h, err := tr.Next()
	if err != nil || h.Name != bundleHeaderName {
		return res, fmt.Errorf("%w: %s", ErrNotABundle, path)
	}
	var hdr bundleHeader
	if err := json.NewDecoder(tr).Decode(&hdr); err != nil || hdr.Format != bundleFormat {
		return res, fmt.Errorf("%w: %s", ErrNotABundle, path)
	}
	p.count(len(hdr.Images))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return res, fmt.Errorf("%w: %s: %v", ErrNotABundle, path, err)
		}
		ref := h.PAXRecords[paxRef]
		p.image(ref, res.Images+1)
		consumers := []func(io.Reader) error{func(r io.Reader) error {
			if err := m.runtime.LoadImages(ctx, r); err != nil {
				return &RuntimeError{Runtime: m.runtime.Name(), Err: err}
			}
			return nil
		}}
		if h.PAXRecords[paxNode] != "true" {
			for _, n := range res.Nodes {
				consumers = append(consumers, func(r io.Reader) error {
					if err := m.provider.LoadImageArchive(ctx, m.name, n, r); err != nil {
						return fmt.Errorf("loading %s into node %s: %w", ref, n, err)
					}
					return nil
				})
			}
		}
		if err := tee(tr, consumers); err != nil {
			return res, err
		}
		res.Images++
	}
	p.flush()
	return res, nil
}

// tee copies src to every consumer at once, each reading its own pipe.
func tee(src io.Reader, consumers []func(io.Reader) error) error {
	pws := make([]*io.PipeWriter, len(consumers))
	ws := make([]io.Writer, len(consumers))
	errs := make(chan error, len(consumers))
	for i, c := range consumers {
		pr, pw := io.Pipe()
		pws[i], ws[i] = pw, pw
		go func() {
			err := c(pr)
			// A consumer that stops early must not block the others.
			pr.CloseWithError(errors.Join(err, io.ErrClosedPipe))
			errs <- err
		}()
	}
	_, copyErr := io.Copy(io.MultiWriter(ws...), src)
	for _, pw := range pws {
		pw.CloseWithError(copyErr)
	}
	var first error
	for range consumers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		return first
	}
	return copyErr
}

// progress throttles ProgressFunc calls to a few per second.
type progress struct {
	now  func() time.Time
	fn   ProgressFunc
	cur  BundleProgress
	last time.Time
}

func newProgress(now func() time.Time, fn ProgressFunc, start BundleProgress) *progress {
	if fn == nil {
		fn = func(BundleProgress) {}
	}
	return &progress{now: now, fn: fn, cur: start}
}

func (p *progress) count(n int) { p.cur.Count = n }

func (p *progress) image(ref string, index int) {
	p.cur.Image, p.cur.Index = ref, index
	p.flush()
}

func (p *progress) add(n int64) {
	p.cur.Done += n
	if t := p.now(); t.Sub(p.last) >= 200*time.Millisecond {
		p.last = t
		p.fn(p.cur)
	}
}

func (p *progress) flush() {
	p.last = p.now()
	p.fn(p.cur)
}

type countingReader struct {
	r io.Reader
	p *progress
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.add(int64(n))
	return n, err
}
