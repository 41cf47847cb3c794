package annotate

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
	"github.com/newsnlp/newsnlp/annotate/syntax"
)

// Output entity labels and how they come from the model's CoNLL types and
// the gazetteer:
//
//	PER  → PERSON
//	ORG  → ORG
//	LOC  → GPE when the gazetteer lists the name as a country, city or
//	       state; otherwise LOC
//	MISC → NORP when the gazetteer lists it as a nationality or group;
//	       otherwise MISC
//	any  → ORG when the name ends like a newspaper's (masthead), unless
//	       it is a person's starting with a first name
//
// The model's type decides: a city's name is an organisation when it names
// a team ("Chicago beat Boston"), and the context says so, not the list;
// but a nationality or a party the gazetteer lists is no person, and a
// country it lists is a place whatever the model says (CoNLL's national
// teams are places too).
func (a *entitiesStage) outputLabel(modelType, text string) string {
	if english.Masthead(text) && !(modelType == "PER" && startsWithFirstName(strings.Fields(text)[0])) {
		return "ORG" // a newspaper (the Guardian, the Wall Street Journal), not Emily Post
	}
	e := a.gaz.lookup(text)
	switch modelType {
	case "PER":
		// A nationality, a party or a listed organisation is no person's
		// name (Tory leader Michael Howard), unless it is a first name too
		// (Christian).
		if e != nil && (e.label == "NORP" || e.label == "ORG") && !startsWithFirstName(text) {
			return e.label
		}
		if e != nil && e.country {
			return "GPE" // a country is no person (England coach …)
		}
		return "PERSON"
	case "ORG":
		if e != nil && e.country {
			return "GPE" // a country is no organisation (the US stock market watchdog)
		}
		return "ORG"
	}
	// An organisation the curated list names is never a place or a
	// miscellaneous name (NATO, Al-Qaeda, the Taliban).
	if e != nil && e.label == "ORG" {
		return "ORG"
	}
	switch modelType {
	case "LOC":
		if e != nil && e.label == "GPE" {
			return "GPE"
		}
		return "LOC"
	}
	if e != nil && e.label == "NORP" {
		return "NORP"
	}
	return "MISC"
}

// personHonorifics are the titles that name nothing but a person.
var personHonorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true}

// personTitles are words that precede a person's name but are not part of
// it (Mr. Lavrov → Lavrov; Foreign Minister Sergei Lavrov → Sergei
// Lavrov).
var personTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true, "professor": true,
	"president": true, "vice": true, "prime": true, "minister": true, "foreign": true, "secretary": true,
	"senator": true, "sen": true, "rep": true, "representative": true, "congressman": true, "congresswoman": true,
	"gov": true, "governor": true, "mayor": true, "gen": true, "general": true, "col": true, "colonel": true,
	"lt": true, "capt": true, "captain": true, "sgt": true, "sir": true, "dame": true, "lord": true, "lady": true,
	"king": true, "queen": true, "prince": true, "princess": true, "pope": true, "sheikh": true, "emir": true,
	"chancellor": true, "ambassador": true, "judge": true, "justice": true, "rev": true, "reverend": true,
	"chairman": true, "chairwoman": true, "chief": true, "coach": true, "commissioner": true, "premier": true,
	"cardinal": true, "archbishop": true, "bishop": true, "ayatollah": true, "councillor": true, "councilor": true,
}

// entitiesStage assigns d.Mentions their final labels, boundaries,
// entity ids and canonical names, from the entity model's mentions.
type entitiesStage struct {
	gaz *gazetteer
	// repair: the model's mentions are repaired and mapped (entityModelSpec).
	repair bool
}

func (*entitiesStage) Name() string { return "entities" }

func (a *entitiesStage) Run(_ context.Context, d *doc.Document) error {
	d.Mentions = a.entities(d.Text, d)
	return nil
}

// entities repairs the model's mentions, adds
// the gazetteer's names the model missed, maps labels, and clusters the
// mentions of one entity under one entity_id and canonical name. Offsets
// are bytes.
func (a *entitiesStage) entities(text string, r *doc.Document) []doc.Mention {
	ms := r.Mentions
	if a.repair {
		ms = a.repairMentions(text, r, ms)
		ms = joinOfNames(r, ms)
		ms = extendOverOfHeads(text, r, ms)
		ms = orgByHeadNoun(r, ms, a.gaz)
		ms = a.addGazetteerMentions(r, ms)
		for i := range ms {
			if ms[i].Origin != "gazetteer" {
				ms[i].Label = a.outputLabel(ms[i].Label, text[ms[i].Start:ms[i].End])
			}
		}
		ms = namesInHeadlines(r, ms)
	}
	for i := range ms {
		ms[i].End = withoutFinalStop(text, ms[i].Start, ms[i].End)
		ms[i].Text = text[ms[i].Start:ms[i].End]
	}
	if a.repair {
		ms = slices.DeleteFunc(ms, func(m doc.Mention) bool { return english.CommonAcronym(m.Text) })
		withoutPossessive(text, ms)
	}
	if a.repair {
		consistentLabels(ms)
		titledPersons(r, ms)
		surnameLabels(ms, a.gaz)
		for i := range ms {
			if ms[i].Label == "PERSON" {
				ms[i].Title = personTitle(r.Tokens, ms[i])
			}
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	var expansions map[string]string
	if a.repair {
		expansions = acronyms(r, ms)
	}
	a.cluster(ms, expansions)
	return ms
}

// joinOfNames joins an organisation's name that the model split at "of"
// or "for" into one organisation: Syrian Observatory | for | Human Rights,
// Ministry | of | Defence. Both parts must be organisations (or the second
// a MISC name): an organisation of a place is two names in sport and
// business news (Real Madrid of Spain), and "and" joins nothing (Microsoft
// and Google are two).
func joinOfNames(r *doc.Document, ms []doc.Mention) []doc.Mention {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].TokStart < ms[j].TokStart })
	out := ms[:0]
	for _, m := range ms {
		if n := len(out); n > 0 {
			prev := &out[n-1]
			if k := prev.TokEnd; prev.TokStart >= 0 && m.TokStart == k+1 && prev.Label == "ORG" && (m.Label == "ORG" || m.Label == "MISC") &&
				r.Tokens[k].Sent == r.Tokens[m.TokStart].Sent && (r.Tokens[k].Text == "of" || r.Tokens[k].Text == "for") &&
				!representsPlace(r.Tokens[k-1].Text) && !startsWithFirstName(r.Tokens[prev.TokStart].Text) && !holdsAnd(r.Tokens[m.TokStart:m.TokEnd]) {
				prev.TokEnd, prev.End, prev.Origin = m.TokEnd, m.End, "rule"
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// ofHeads are the nouns that head an organisation's name before "of" or
// "for": the Office for National Statistics, the Bank of England, the
// Ministry of Defence.
var ofHeads = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`Office Ministry Department Bank Institute Council Commission Committee Society
		Association Federation Union University College Board Bureau Agency Authority Centre Center League
		Organisation Organization Foundation Fund Church Academy Museum Chamber Confederation Alliance
		Coalition Movement Army Court Parliament Assembly Congress Tribunal Directorate Secretariat Observatory`) {
		ofHeads[w] = true
	}
}

// extendOverOfHeads gives a name right after "of" or "for" the capitalised
// head before it when the model left the head out: "The Office for
// [National Statistics]" is the Office for National Statistics, an
// organisation. The head must be one of ofHeads, on the same line;
// capitalised words before it come too, but not a determiner (A
// Department for Education). A head the model made a name of its own, and
// the names before it, are joined in, unless one is a person's or an
// organisation's (Member of Parliament for Sheffield): the model read the
// Syrian Observatory for Human Rights as Syrian (a nationality),
// Observatory (a place) and Human Rights.
func extendOverOfHeads(text string, r *doc.Document, ms []doc.Mention) []doc.Mention {
	owner := map[int]int{} // token → the mention holding it
	for i, m := range ms {
		for k := m.TokStart; k >= 0 && k < m.TokEnd; k++ {
			owner[k] = i
		}
	}
	joinable := func(k int) bool { // a person's or an organisation's own name stays apart
		o, in := owner[k]
		return !in || ms[o].Label != "PERSON" && ms[o].Label != "PER" && ms[o].Label != "ORG"
	}
	toks := r.Tokens
	drop := make([]bool, len(ms))
	for i := range ms {
		m := &ms[i]
		h := m.TokStart - 2
		if h < 0 || m.Label == "PER" || m.Label == "PERSON" || (toks[h+1].Text != "of" && toks[h+1].Text != "for") || !ofHeads[toks[h].Text] ||
			!joinable(h) || toks[h].Sent != toks[m.TokStart].Sent || !sameLine(text, toks[h], toks[m.TokStart]) {
			continue
		}
		for h > 0 && toks[h-1].Sent == toks[h].Sent && english.StartsUpper(toks[h-1].Text) && doc.IsWord(toks[h-1].Text) &&
			joinable(h-1) && !determinerTag(toks[h-1].POS) && sameLine(text, toks[h-1], toks[h]) {
			h--
		}
		if o, in := owner[h]; in && ms[o].TokStart < h {
			continue // the name before reaches further back: not the head's
		}
		for k := h; k < m.TokStart; k++ {
			if o, in := owner[k]; in && o != i {
				drop[o] = true
			}
		}
		m.TokStart, m.Start, m.Label, m.Origin = h, toks[h].Start, "ORG", doc.OriginRule
	}
	out := ms[:0]
	for i, m := range ms {
		if !drop[i] {
			out = append(out, m)
		}
	}
	return out
}

// determinerTag reports whether a Penn Treebank tag is a determiner's or a
// possessive pronoun's.
func determinerTag(tag string) bool {
	return tag == "DT" || tag == "PDT" || tag == "PRP$" || tag == "WDT"
}

// representsPlace reports whether a word ends a member's title before the
// place it represents (the Labour MP for Birkenhead, Parliament for
// Sheffield): not an organisation's name.
func representsPlace(w string) bool {
	switch w {
	case "MP", "MPs", "MEP", "MSP", "AM", "Parliament", "Member", "member", "Senator", "Congressman":
		return true
	}
	return false
}

// startsWithFirstName reports whether w is a first name: a "Clint
// Eastwood" the model took for an organisation is a person, whatever
// follows "for".
func startsWithFirstName(w string) bool {
	_, ok := english.FirstNameGender()[strings.ToLower(w)]
	return ok
}

// holdsAnd reports whether a mention's tokens hold "and": two names the
// model ran together, not the second half of one.
func holdsAnd(toks []doc.Token) bool {
	for _, t := range toks {
		if t.Text == "and" || t.Text == "&" {
			return true
		}
	}
	return false
}

// orgHeads are nouns that, right after "the NAME", make NAME an
// organisation: the Al-Nusra group, the Labour party, the Wagner company.
var orgHeads = map[string]bool{
	"group": true, "groups": true, "party": true, "movement": true, "front": true, "organisation": true,
	"organization": true, "militia": true, "brigade": true, "brigades": true, "faction": true,
	"coalition": true, "alliance": true, "network": true, "company": true, "corporation": true,
	"firm": true, "bank": true, "agency": true, "union": true, "council": true, "committee": true,
	"foundation": true, "institute": true, "federation": true, "association": true, "club": true,
}

// orgByHeadNoun applies "the NAME group": a run of capitalised words
// (with name particles inside) between "the" and an organisation head noun
// is an organisation. A mention covering exactly the run is relabelled; a
// run the model missed becomes a mention. A mention the model found is
// also an organisation when a lower-case head noun stands right before it
// (the militant group Hamas, the pressure group Liberty) or follows it
// without "the" before it (the so-called Islamic State and Jabhat al Fateh
// al Sham group). A place or nationality the gazetteer lists, or a MISC
// adjective, keeps the model's label before a head noun (the Moscow club,
// the Belgian club, the European group).
func orgByHeadNoun(r *doc.Document, ms []doc.Mention, gaz *gazetteer) []doc.Mention {
	at := map[[2]int]int{} // token range → mention index
	covered := map[int]bool{}
	for i, m := range ms {
		if m.TokStart >= 0 {
			at[[2]int{m.TokStart, m.TokEnd}] = i
			for k := m.TokStart; k < m.TokEnd; k++ {
				covered[k] = true
			}
		}
	}
	toks := r.Tokens
	headNoun := func(k int) bool { return k >= 0 && k < len(toks) && orgHeads[toks[k].Text] }
	for i := range ms {
		m := &ms[i]
		if m.TokStart < 0 || m.Label == "ORG" || m.Origin == "gazetteer" || !nerZone(r.Sentences[m.Sent].Zone) {
			continue
		}
		before, after := m.TokStart-1, m.TokEnd
		listed := func() bool { return gaz != nil && gaz.lookup(r.Text[m.Start:m.End]) != nil }
		if headNoun(before) && toks[before].Sent == m.Sent || headNoun(after) && toks[after].Sent == m.Sent && m.Label != "MISC" && !listed() {
			m.Label, m.Origin = "ORG", "rule"
		}
	}
	for si := range r.Sentences {
		rng := r.Sentences[si].Tokens()
		if !nerZone(r.Sentences[si].Zone) {
			continue
		}
		for i := rng[0]; i < rng[1]; i++ {
			if !strings.EqualFold(toks[i].Text, "the") {
				continue
			}
			j := i + 1
			for j < rng[1] && (english.StartsUpper(toks[j].Text) && doc.IsWord(toks[j].Text) || english.NameParticles[toks[j].Text] && j > i+1) {
				j++
			}
			if j == i+1 || j >= rng[1] || !orgHeads[strings.ToLower(toks[j].Text)] || english.NameParticles[toks[j-1].Text] {
				continue
			}
			if k, ok := at[[2]int{i + 1, j}]; ok {
				if ms[k].Label != "ORG" && ms[k].Label != "MISC" && (gaz == nil || gaz.lookup(r.Text[ms[k].Start:ms[k].End]) == nil) {
					ms[k].Label = "ORG"
					ms[k].Origin = "rule"
				}
				continue
			}
			free := true
			for k := i + 1; k < j; k++ {
				free = free && !covered[k]
			}
			if free {
				ms = append(ms, doc.Mention{Start: toks[i+1].Start, End: toks[j-1].End, Label: "ORG", Sent: si, Origin: "rule", TokStart: i + 1, TokEnd: j})
				for k := i + 1; k < j; k++ {
					covered[k] = true
				}
			}
		}
	}
	return ms
}

// sameLine reports whether no line break separates two tokens.
func sameLine(text string, a, b doc.Token) bool {
	return !strings.ContainsRune(text[a.End:b.Start], '\n')
}

// addGazetteerMentions adds the curated names the model did not find, in
// the zones entities are looked for in. Only names that are unambiguous in
// news are listed, and a name must be written as listed (capitals kept).
func (a *entitiesStage) addGazetteerMentions(r *doc.Document, ms []doc.Mention) []doc.Mention {
	covered := make(map[int]bool)
	for _, m := range ms {
		for k := m.TokStart; k < m.TokEnd; k++ {
			covered[k] = true
		}
	}
	// A sentence's mentions are found only if it is in an entity zone;
	// sentences with no model mention may still be such sentences.
	for si := range r.Sentences {
		rng := r.Sentences[si].Tokens()
		if !nerZone(r.Sentences[si].Zone) {
			continue
		}
		words := make([]string, rng[1]-rng[0])
		for k := range words {
			words[k] = r.Tokens[rng[0]+k].Text
		}
		for _, g := range a.gaz.match(words) {
			free := true
			for k := rng[0] + g.start; k < rng[0]+g.end; k++ {
				if covered[k] {
					free = false
				}
			}
			if !free {
				continue
			}
			t0, t1 := rng[0]+g.start, rng[0]+g.end
			ms = append(ms, doc.Mention{Start: r.Tokens[t0].Start, End: r.Tokens[t1-1].End, Label: g.entry.label, Sent: si, Origin: "gazetteer", TokStart: t0, TokEnd: t1})
		}
	}
	return ms
}

// consistentLabels gives every mention of one name the label its most
// confident mentions have (ties: the first mention's), so that Millbrook
// is not an organisation in one sentence and a person in the next: the
// votes are the entity model's margins (Confidence), and a gazetteer's
// mention, which the model missed, votes as a confident one.
func consistentLabels(ms []doc.Mention) {
	votes := map[string]map[string]float32{}
	first := map[string]string{}
	for _, m := range ms {
		k := english.NameKey(m.Text)
		if votes[k] == nil {
			votes[k] = map[string]float32{}
			first[k] = m.Label
		}
		votes[k][m.Label] += labelVote(m)
	}
	for i := range ms {
		k := english.NameKey(ms[i].Text)
		best := first[k]
		labels := make([]string, 0, len(votes[k]))
		for l := range votes[k] {
			labels = append(labels, l)
		}
		sort.Strings(labels)
		for _, l := range labels {
			if votes[k][l] > votes[k][best] {
				best = l
			}
		}
		if best != ms[i].Label {
			ms[i].Label = best
			ms[i].Origin = "rule"
		}
	}
}

// confidentVote is what a mention no model scored weighs in
// consistentLabels: about a model mention's median margin on news.
const confidentVote = 50

// labelVote is a mention's vote for its label.
func labelVote(m doc.Mention) float32 {
	if m.Origin == doc.OriginGazetteer {
		return confidentVote
	}
	return max(m.Confidence, 0)
}

// titleCase reports whether a sentence is written in title case.
func titleCase(toks []doc.Token) bool {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	return syntax.SentenceCasing(words) == syntax.CaseTitle
}

// headlineVerbs are verbs of saying and denying in the form a headline
// uses them (Says, Denies): a name never ends in one.
var headlineVerbs = map[string]bool{"says": true, "denies": true, "rejects": true, "slams": true, "refutes": true,
	"dismisses": true, "disputes": true, "insists": true, "warns": true, "admits": true, "accuses": true, "urges": true,
	"vows": true, "claims": true, "blasts": true, "criticises": true, "criticizes": true, "confirms": true,
	"announces": true, "reveals": true, "debunks": true, "rebuts": true, "quashes": true}

// honorifics are the titles before a name that only a person has.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mr.": true, "mrs.": true, "ms.": true,
	"dr": true, "dr.": true, "mx": true}

// honorific reports whether a word is an honorific: capitalised, since
// the lower-case word is a verb (might miss England's trip).
func honorific(w string) bool {
	return english.StartsUpper(w) && honorifics[strings.ToLower(w)]
}

// titledPersons makes a PERSON of every mention of a name the document
// writes after Mr, Mrs, Ms, Miss or Dr (Mr Khodorkovsky), wherever else
// the model read that name as a place or an organisation.
func titledPersons(r *doc.Document, ms []doc.Mention) {
	titled := map[string]bool{}
	for _, m := range ms {
		if t := m.TokStart; t > 0 && t <= len(r.Tokens) && honorific(r.Tokens[t-1].Text) {
			titled[english.NameKey(m.Text)] = true
		}
	}
	if len(titled) == 0 {
		return
	}
	for i := range ms {
		if ms[i].Label != "PERSON" && titled[english.NameKey(ms[i].Text)] {
			ms[i].Label = "PERSON"
			ms[i].Origin = "rule"
		}
	}
}

// surnameLabels makes a MISC or ORG mention a PERSON when it is the
// surname, or the last words, of a person the document names in full:
// news refers to a person by surname after the first mention (Bashar
// al-Assad … the Assad regime; Aung San Suu Kyi … Suu Kyi). The other
// way round, a first name and a surname the document writes alone as a
// person's is a person's name (Labour backbencher Stephen Pound … Mr
// Pound). A place is left alone when the gazetteer knows it (a Washington
// after George Washington is as likely the city); one it does not know is
// the person's (Mikhail Khodorkovsky … Khodorkovsky).
func surnameLabels(ms []doc.Mention, gaz *gazetteer) {
	surnames := map[string]bool{}
	for _, m := range ms {
		if k := english.NameKey(m.Text); m.Label == "PERSON" && strings.Contains(k, " ") {
			surnames[english.Surname(k)] = true
			if ws := strings.Fields(m.Text); personNameWords(ws) {
				for i := 1; i < len(ws)-1; i++ {
					surnames[english.NameKey(strings.Join(ws[i:], " "))] = true // Aung San Suu Kyi … Suu Kyi
				}
			}
		}
	}
	alone := map[string]bool{} // surnames the article writes alone as a person's
	for _, m := range ms {
		if k := english.NameKey(m.Text); m.Label == "PERSON" && k != "" && !strings.Contains(k, " ") {
			alone[k] = true
		}
	}
	for i := range ms {
		k := english.NameKey(ms[i].Text)
		if ms[i].Label != "PERSON" && firstNameAndSurname(ms[i].Text, alone) {
			ms[i].Label = "PERSON"
			ms[i].Origin = "rule"
			continue
		}
		place := ms[i].Label == "GPE" || ms[i].Label == "LOC"
		if (ms[i].Label == "MISC" || ms[i].Label == "ORG" || place && (gaz == nil || gaz.lookup(ms[i].Text) == nil)) && surnames[k] {
			ms[i].Label = "PERSON"
			ms[i].Origin = "rule"
		}
	}
}

// personNameWords reports whether a person's name is names only: every
// word capitalised, no article or conjunction, and no organisation's head
// noun at its end (not A BBC News, Bill Gates Foundation, Martin and Life
// Begins).
func personNameWords(ws []string) bool {
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		if !english.StartsUpper(w) || w == "A" || w == "The" || w == "And" || w == "&" {
			return false
		}
	}
	last := strings.ToLower(ws[len(ws)-1])
	return !orgHeads[last] && last != "news"
}

// firstNameAndSurname reports whether a name is two or three words
// written apart, the first a first name and the last one of surnames (by
// name key): not Douglas-Westwood, not Richard & Judy.
func firstNameAndSurname(name string, surnames map[string]bool) bool {
	words := strings.Fields(name)
	if len(words) < 2 || len(words) > 3 || !startsWithFirstName(words[0]) {
		return false
	}
	for _, w := range words {
		if !english.StartsUpper(w) {
			return false
		}
	}
	return surnames[english.NameKey(words[len(words)-1])]
}

// acronyms finds the acronyms the article defines, "Office for National
// Statistics (ONS)", and returns their expansions by name key (ons →
// Office for National Statistics). The expansion and every mention of the
// acronym take one label: the one most of them have (ties: ORG).
func acronyms(r *doc.Document, ms []doc.Mention) map[string]string {
	var out map[string]string
	defining := map[string]int{} // acronym key → the expansion's mention
	for i, m := range ms {
		k := m.TokEnd
		if m.TokStart < 0 || m.Label == "PERSON" || k+2 >= len(r.Tokens) || r.Tokens[k].Text != "(" || r.Tokens[k+2].Text != ")" {
			continue
		}
		acr := r.Tokens[k+1].Text
		if !isAcronym(acr) || !initialsEnd(strings.Fields(m.Text), acr) {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		key := english.NameKey(acr)
		out[key], defining[key] = english.NFC(strings.Join(strings.Fields(m.Text), " ")), i
	}
	// An acronym the article uses without defining it stands for the
	// organisation named before it whose capitalised words it spells out
	// (the National Audit Office … the NAO).
	for i, m := range ms {
		key := english.NameKey(m.Text)
		if _, known := defining[key]; known || m.Label == "PERSON" || !isAcronym(m.Text) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if e := ms[j]; e.Label == "ORG" && initialsAre(strings.Fields(e.Text), m.Text) {
				if out == nil {
					out = map[string]string{}
				}
				out[key], defining[key] = english.NFC(strings.Join(strings.Fields(e.Text), " ")), j
				break
			}
		}
	}
	for key, def := range defining {
		members := []int{def}
		for i := range ms {
			if english.NameKey(ms[i].Text) == key {
				members = append(members, i)
			}
		}
		votes := map[string]int{}
		for _, i := range members {
			votes[ms[i].Label]++
		}
		label := "ORG"
		for l, n := range votes {
			if n > votes[label] || n == votes[label] && l < label && l != "ORG" && votes["ORG"] == 0 {
				label = l
			}
		}
		for _, i := range members {
			if ms[i].Label != label {
				ms[i].Label, ms[i].Origin = label, "rule"
			}
		}
	}
	return out
}

// isAcronym reports whether s is two to six capital letters.
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// initialsAre reports whether acr is exactly the initials of a name's
// capitalised words, of which there are two or more and none an acronym
// itself (National Audit Office: NAO).
func initialsAre(words []string, acr string) bool {
	for _, w := range words {
		if isAcronym(w) {
			return false // US Secretary is not what US stands for
		}
	}
	in := initials(words)
	return len(in) >= 2 && in == acr
}

// initialsEnd reports whether acr is the initials of the capitalised words
// at the end of a name (US Securities and Exchange Commission: SEC).
func initialsEnd(words []string, acr string) bool {
	return strings.HasSuffix(initials(words), acr)
}

// initials are the first letters of a name's capitalised words.
func initials(words []string) string {
	var b []byte
	for _, w := range words {
		if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
			b = append(b, w[0])
		}
	}
	return string(b)
}

// withoutFinalStop is where a mention [start, end) ends without a full
// stop, comma, colon or semicolon the tokenizer left on its last word at
// a paragraph's end (BBC., Liberal Democrats.); an abbreviation keeps its
// stop (U.S., Inc., St.).
func withoutFinalStop(text string, start, end int) int {
	name := text[start:end]
	if len(name) < 2 || !strings.ContainsRune(".,;:", rune(name[len(name)-1])) {
		return end
	}
	word := name[strings.LastIndexAny(name, " \t\n")+1:]
	if name[len(name)-1] == '.' && (strings.Count(word, ".") > 1 || abbreviations[strings.ToLower(word)]) {
		return end
	}
	return end - 1
}

// abbreviations are the words a name ends in with their full stop.
var abbreviations = map[string]bool{"inc.": true, "corp.": true, "co.": true, "ltd.": true, "jr.": true, "sr.": true,
	"bros.": true, "st.": true, "plc.": true, "llc.": true, "ave.": true, "mt.": true, "ft.": true, "no.": true}
