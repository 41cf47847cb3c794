package output

import (
	"fmt"
	"testing"
)

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"0/3": {0, 3}, "2/3": {2, 3}, " 1 / 2 ": {1, 2}, "0/1": {0, 1}} {
		if got, err := ParseShard(in); err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"3/3", "-1/3", "1/0", "a/b", "1", ""} {
		if _, err := ParseShard(in); err == nil {
			t.Errorf("ParseShard(%q): want an error", in)
		}
	}
}

// Every doc_id belongs to exactly one shard, and the shards share the ids
// about evenly.
func TestShardOwns(t *testing.T) {
	const n, ids = 4, 4000
	per := make([]int, n)
	for i := 0; i < ids; i++ {
		id := fmt.Sprintf("doc-%d", i)
		owners := 0
		for k := 0; k < n; k++ {
			if (Shard{K: k, N: n}).Owns(id) {
				owners++
				per[k]++
			}
		}
		if owners != 1 {
			t.Fatalf("%s has %d owners", id, owners)
		}
	}
	for k, c := range per {
		if c < ids/n*8/10 || c > ids/n*12/10 {
			t.Errorf("shard %d owns %d of %d ids; want about %d", k, c, ids, ids/n)
		}
	}
	if !(Shard{}).Owns("anything") {
		t.Error("an unsharded run owns every record")
	}
}
