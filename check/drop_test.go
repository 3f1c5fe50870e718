package check

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/templates"
	"gopkg.in/yaml.v3"
)

// TestRunKeepsNoDocuments checks that what Run returns without
// KeepDocuments reaches no yaml.Node and no Document: Run's workers reuse
// the memory of the trees (document.Scratch) once an account is checked,
// so a node kept by a typed view (a field added to profile or visit and
// not cleared by dropDocuments) would silently change under the caller.
func TestRunKeepsNoDocuments(t *testing.T) {
	root := t.TempDir()
	err := fs.WalkDir(templates.Demo(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.Demo(), p)
		if err != nil {
			return err
		}
		dst := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := book.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []bool{false, true} {
		rep, err := Run(b, Options{AsOf: asOf, KeepDocuments: keep})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Accounts) < 3 {
			t.Fatalf("%d accounts in the demo book", len(rep.Accounts))
		}
		nodes, docs := 0, 0
		seen := map[uintptr]bool{}
		var walk func(v reflect.Value)
		walk = func(v reflect.Value) {
			switch v.Kind() {
			case reflect.Pointer:
				if v.IsNil() || seen[v.Pointer()] {
					return
				}
				seen[v.Pointer()] = true
				switch v.Type() {
				case reflect.TypeFor[*yaml.Node]():
					nodes++
					return
				case reflect.TypeFor[*document.Document]():
					docs++
					return
				}
				walk(v.Elem())
			case reflect.Struct:
				for i := range v.NumField() {
					walk(v.Field(i))
				}
			case reflect.Slice, reflect.Array:
				for i := range v.Len() {
					walk(v.Index(i))
				}
			case reflect.Map:
				for it := v.MapRange(); it.Next(); {
					walk(it.Key())
					walk(it.Value())
				}
			case reflect.Interface:
				if !v.IsNil() {
					walk(v.Elem())
				}
			}
		}
		walk(reflect.ValueOf(rep))
		if keep && (nodes == 0 || docs == 0) {
			t.Fatalf("KeepDocuments: the walk found %d nodes and %d documents; it does not see them", nodes, docs)
		}
		if !keep && (nodes > 0 || docs > 0) {
			t.Errorf("the report reaches %d yaml nodes and %d documents; dropDocuments must clear them", nodes, docs)
		}
	}
}
