package dateparser

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	for _, c := range []struct {
		in   string
		want time.Time // zero: not a date
	}{
		{"Tuesday 3 March 2015 10:04 GMT", time.Date(2015, 3, 3, 10, 4, 0, 0, time.FixedZone("GMT", 0))},
		{"March 3rd, 2015, 4:05 p.m. EST", time.Date(2015, 3, 3, 16, 5, 0, 0, est)},
		{"Published on Sept. 21, 2016", time.Date(2016, 9, 21, 0, 0, 0, 0, time.UTC)},
		{"12 Aug 2021 11:30pm", time.Date(2021, 8, 12, 23, 30, 0, 0, time.UTC)},
		{"Updated: 1 January 2020 12:15 am", time.Date(2020, 1, 1, 0, 15, 0, 0, time.UTC)},
		{"31 April 2015", time.Time{}},               // no such day
		{"March 2015", time.Time{}},                  // no day
		{"3 March", time.Time{}},                     // no year
		{"Votes: 12, March 2015 rally", time.Time{}}, // other words
		{"10:04 2015 12", time.Time{}},               // no month
		{"3 March 2015 25:00", time.Time{}},          // no such hour
	} {
		d, err := (&Parser{}).Parse(&Configuration{StrictParsing: true}, c.in)
		if c.want.IsZero() {
			if err == nil {
				t.Errorf("%q: got %v, want no date", c.in, d.Time)
			}
			continue
		}
		if err != nil || !d.Time.Equal(c.want) {
			t.Errorf("%q: got %v, %v; want %v", c.in, d.Time, err, c.want)
		}
	}
}
