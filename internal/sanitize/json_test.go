package sanitize

import (
	"encoding/json"
	"testing"
)

func TestJSONKeepsMeaningAndIsSafe(t *testing.T) {
	in := map[string]string{
		"name": "Zoë \u202eevil\u202c 田中 👩\u200d🔬 a\u0085b c\u009b2Jd \u200bx\ufeff y\x7f \U000E0041",
	}
	enc, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out := JSON(enc)
	for _, r := range string(out) {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || invisible(r) {
			t.Fatalf("unsafe rune %U left in %s", r, out)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if back["name"] != in["name"] {
		t.Errorf("value changed:\n got %q\nwant %q", back["name"], in["name"])
	}
	if plain := []byte(`{"a":"b"}`); &JSON(plain)[0] != &plain[0] {
		t.Error("ASCII JSON was copied")
	}
}
