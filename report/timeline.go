package report

import (
	"time"
)

// calendar turns publication days into the periods the page counts by:
// days when the dates span at most two months, weeks (from Monday) when
// they span at most two years, months beyond.
type calendar struct {
	unit       string // day, week or month
	first      int32  // the first period's first day (days since 1970-01-01)
	firstMonth int    // for months: the first period's year*12+month
	n          int    // periods
}

func dayOf(t time.Time) int32 { return int32(t.UTC().Unix() / 86400) }

func dateOf(day int32) time.Time { return time.Unix(int64(day)*86400, 0).UTC() }

func monthOf(day int32) int {
	t := dateOf(day)
	return t.Year()*12 + int(t.Month()) - 1
}

// newCalendar fits periods to the days min to max; ok is false when no
// article has a date.
func newCalendar(minDay, maxDay int32, ok bool) *calendar {
	if !ok {
		return nil
	}
	span := maxDay - minDay
	switch {
	case span <= 62:
		return &calendar{unit: "day", first: minDay, n: int(span) + 1}
	case span <= 731:
		// 1970-01-01 was a Thursday: Monday is 3 days before it.
		first := minDay - (minDay+3)%7
		return &calendar{unit: "week", first: first, n: int((maxDay-first)/7) + 1}
	}
	fm := monthOf(minDay)
	return &calendar{unit: "month", firstMonth: fm, n: monthOf(maxDay) - fm + 1}
}

// period is the period index of a day.
func (c *calendar) period(day int32) int {
	switch c.unit {
	case "day":
		return int(day - c.first)
	case "week":
		return int((day - c.first) / 7)
	}
	return monthOf(day) - c.firstMonth
}

// labels names each period by its first day (2004-03-01) or month (2004-03).
func (c *calendar) labels() []string {
	out := make([]string, c.n)
	for i := range out {
		switch c.unit {
		case "day":
			out[i] = dateOf(c.first + int32(i)).Format("2006-01-02")
		case "week":
			out[i] = dateOf(c.first + int32(7*i)).Format("2006-01-02")
		default:
			m := c.firstMonth + i
			out[i] = time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
		}
	}
	return out
}

// Timeline is what the page shows over publication dates.
type Timeline struct {
	Unit   string   // day, week or month
	Labels []string // each period's first day or month
	Claims []int64  // statements labelled claim, per period
	// Denials are statements labelled denial, per period.
	Denials []int64
	// Entities are the most mentioned names' mentions per period.
	Entities []Series
	// Undated counts the articles without a publication date, which the
	// timeline leaves out.
	Undated int64
}

// Series is one named row of counts per period.
type Series struct {
	Name   string
	Values []int64
}
