package annotate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// entityCluster is one entity of a document.
type entityCluster struct {
	label     string
	canonical string
	key       string
	words     int
	members   []int // mention indexes
	mergedTo  *entityCluster
}

func (c *entityCluster) root() *entityCluster {
	for c.mergedTo != nil {
		c = c.mergedTo
	}
	return c
}

// cluster groups the mentions of one entity: the same name however it is
// spelt (Al-Nusra, Al Nusra; US, U.S., United States through the
// gazetteer), a person's surname with the fuller name (Lavrov, Mr Lavrov
// → Sergei Lavrov), and an organisation's shorter form with its full name
// (Al Fateh al Sham → Jabhat al Fateh al Sham). The canonical name is the
// fullest. Pronoun and nominal mentions join clusters in the quotes stage.
func (a *entitiesStage) cluster(ms []doc.Mention, expansions map[string]string) {
	var clusters []*entityCluster
	byKey := map[string]*entityCluster{}
	for i := range ms {
		canon := english.NFC(strings.Join(strings.Fields(ms[i].Text), " "))
		if full, ok := expansions[english.NameKey(canon)]; ok {
			canon = full // SOHR: the Syrian Observatory for Human Rights
		}
		// The gazetteer's canonical name is a place's or a group's: not for
		// a person who shares it (Mr French is not France), and not a
		// nationality's place: British is not the United Kingdom, which
		// would give one canonical name two labels.
		if e := a.gaz.lookup(canon); e != nil && e.canonical != "" && ms[i].Label != "PERSON" && e.label != "NORP" {
			canon = e.canonical
		}
		key := ms[i].Label + "\x00" + english.NameKey(canon)
		c := byKey[key]
		if c == nil {
			c = &entityCluster{label: ms[i].Label, canonical: canon, key: english.NameKey(canon), words: len(strings.Fields(canon))}
			byKey[key] = c
			clusters = append(clusters, c)
		}
		c.members = append(c.members, i)
	}
	joinFullerNames(clusters)
	joinAcrossLabels(clusters, ms)
	clusterOf := make([]*entityCluster, len(ms))
	for _, c := range clusters {
		for _, m := range c.members {
			clusterOf[m] = c
		}
	}
	// Ids follow the text: E1 is the entity mentioned first.
	ids := map[*entityCluster]string{}
	for i := range ms {
		c := clusterOf[i].root()
		id, ok := ids[c]
		if !ok {
			id = fmt.Sprintf("E%d", len(ids)+1)
			ids[c] = id
		}
		ms[i].EntityID = id
		ms[i].Canonical = c.canonical
		ms[i].Key = english.EntityKey(c.canonical, c.label)
	}
}

// joinFullerNames joins a shorter name to the one fuller name of its label
// it is part of (partOfName). Candidates come from an index of clusters by
// label and word, so an article with thousands of names is not compared
// pair by pair.
func joinFullerNames(clusters []*entityCluster) {
	byWord := map[string][]*entityCluster{}
	byFirst := map[string][]*entityCluster{} // people's full names by first name
	for _, d := range clusters {
		if d.label == "PERSON" { // people join by surname: index that alone
			k := d.label + "\x00" + english.Surname(d.key)
			byWord[k] = append(byWord[k], d)
			if ws := strings.Fields(d.key); len(ws) >= 2 {
				byFirst[ws[0]] = append(byFirst[ws[0]], d)
			}
			continue
		}
		seen := map[string]bool{}
		for _, w := range strings.Fields(d.key) {
			if !seen[w] {
				seen[w] = true
				byWord[d.label+"\x00"+w] = append(byWord[d.label+"\x00"+w], d)
			}
		}
	}
	// Each word's clusters, fullest first: a name joins only a fuller one,
	// so the scan stops at the first that is not. Which fuller names
	// qualify does not depend on their order, only how many roots they
	// have, so the scan also stops at a second root.
	for _, ds := range byWord {
		sort.SliceStable(ds, func(i, j int) bool { return ds[i].words > ds[j].words })
	}
	for _, c := range clusters {
		words := strings.Fields(c.key)
		if len(words) == 0 {
			continue
		}
		// People join by surname; others by a run of their words, so the
		// rarest word's clusters are the only candidates.
		probe := words[len(words)-1]
		if c.label == "PERSON" {
			probe = english.Surname(c.key)
		} else {
			for _, w := range words {
				if len(byWord[c.label+"\x00"+w]) < len(byWord[c.label+"\x00"+probe]) {
					probe = w
				}
			}
		}
		var target *entityCluster
		candidates := 0
		for _, d := range byWord[c.label+"\x00"+probe] {
			if d.words <= c.words || candidates > 1 {
				break
			}
			if d == c || !partOfName(c, d) {
				continue
			}
			if target == nil || target.root() != d.root() {
				candidates++
			}
			target = d
		}
		if candidates == 0 && c.label == "PERSON" && len(words) == 1 && english.FirstNameGender()[words[0]] != 0 {
			// A first name alone (Steven, in a quotation) is the one person
			// of that first name the article names in full.
			target, candidates = onlyPerson(byFirst[words[0]])
		}
		if candidates == 1 {
			c.root().mergedTo = target.root()
			if c.root() == c { // merged into itself through a cycle: undo
				c.mergedTo = nil
			}
		}
	}
}

// maxJoinWords is the longest name joinAcrossLabels reads: a longer
// mention is a run of names the model did not split.
const maxJoinWords = 8

// joinAcrossLabels gives a name of two words or more that ends one fuller
// name of another label that name's label, and joins it to it: "the
// powerful group Al Fateh al Sham", read as a person, is the Jabhat al
// Fateh al Sham named before. The end of a name is its head. The fuller
// name must have more mentions than the shorter (a title-case headline's
// "Diving Goalkeeper Osvaldo Sanchez" does not make Osvaldo Sanchez a
// title); a person's name of two words with one more before it is the
// person's full name, whatever its label; and a name after of, for, in,
// and or the inside a fuller one is a name of its own (Northern Ireland in
// the Police Service of Northern Ireland). Clusters that joined a fuller
// one of their own label are left as they are.
func joinAcrossLabels(clusters []*entityCluster, ms []doc.Mention) {
	endingIn := map[string][]*entityCluster{} // by each proper ending of two words or more
	mentions := map[*entityCluster]int{}      // by root
	for _, d := range clusters {
		mentions[d.root()] += len(d.members)
		words := strings.Fields(d.key)
		if len(words) > maxJoinWords {
			continue
		}
		for k := 1; k+2 <= len(words); k++ {
			end := strings.Join(words[k:], " ")
			endingIn[end] = append(endingIn[end], d)
		}
	}
	for _, c := range clusters {
		words := strings.Fields(c.key)
		if len(words) < 2 || c.mergedTo != nil {
			continue
		}
		var target *entityCluster
		for _, d := range endingIn[c.key] {
			dw := strings.Fields(d.key)
			if d.label == c.label {
				continue
			}
			switch before := dw[len(dw)-len(words)-1]; {
			case before == "of", before == "for", before == "in", before == "and", before == "the", before == "de":
				continue
			case c.label == "PERSON" && len(words) == 2 && len(dw) == 3:
				continue // Arjan De Zeeuw is De Zeeuw's full name, whatever its label
			}
			if target != nil && target.root() != d.root() {
				target = nil
				break
			}
			target = d
		}
		if target == nil || target.root() == c || mentions[target.root()] <= mentions[c] {
			continue
		}
		root := target.root()
		mentions[root] += mentions[c]
		c.mergedTo = root
		for _, m := range c.members {
			if ms[m].Label != root.label {
				ms[m].Label, ms[m].Origin = root.label, doc.OriginRule
			}
		}
	}
}

// partOfName reports whether c's name is part of d's: a person's surname,
// or a run of at least two words of an organisation's or place's name.
func partOfName(c, d *entityCluster) bool {
	cw, dw := strings.Fields(c.key), strings.Fields(d.key)
	if c.label == "PERSON" {
		return english.Surname(c.key) == english.Surname(d.key) && len(cw) < len(dw)
	}
	if len(cw) < 2 {
		return false
	}
	for i := 0; i+len(cw) <= len(dw); i++ {
		if strings.Join(dw[i:i+len(cw)], " ") == c.key {
			return true
		}
	}
	return false
}

// onlyPerson is the one entity among ds (by root), and 1; or nil and the
// number of entities, when there is none or there are several.
func onlyPerson(ds []*entityCluster) (*entityCluster, int) {
	var target *entityCluster
	n := 0
	for _, d := range ds {
		if target == nil || target.root() != d.root() {
			n++
		}
		target = d
	}
	if n != 1 {
		return nil, n
	}
	return target, 1
}
