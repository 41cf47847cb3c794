package annotate

import "testing"

// Sentences written for this test, news-like, one per language.
var langSamples = []struct{ lang, text string }{
	{"en", "The city council said on Tuesday that the new bridge would open in the spring, after two years of work and a long dispute with the builders over its cost."},
	{"de", "Der Stadtrat hat am Dienstag erklärt, dass die neue Brücke im Frühjahr eröffnet wird, nach zwei Jahren Bauzeit und einem langen Streit mit den Baufirmen über die Kosten."},
	{"fr", "Le conseil municipal a déclaré mardi que le nouveau pont ouvrirait au printemps, après deux ans de travaux et un long différend avec les constructeurs sur son coût."},
	{"es", "El ayuntamiento dijo el martes que el nuevo puente se abrirá en primavera, después de dos años de obras y una larga disputa con los constructores sobre su coste."},
	{"it", "Il consiglio comunale ha dichiarato martedì che il nuovo ponte sarà aperto in primavera, dopo due anni di lavori e una lunga disputa con i costruttori sul suo costo."},
	{"nl", "De gemeenteraad heeft dinsdag gezegd dat de nieuwe brug in het voorjaar opengaat, na twee jaar werk en een lang geschil met de bouwers over de kosten ervan."},
	{"pt", "A câmara municipal disse na terça-feira que a nova ponte será aberta na primavera, depois de dois anos de obras e uma longa disputa com os construtores sobre o custo."},
	{"ru", "Городской совет заявил во вторник, что новый мост откроется весной, после двух лет работы и долгого спора со строителями о его стоимости."},
}

func TestDetectLanguage(t *testing.T) {
	for _, s := range langSamples {
		got, ok := DetectLanguage(s.text)
		if !ok || got != s.lang {
			t.Errorf("DetectLanguage(%.40q…) = %q, %v; want %q", s.text, got, ok, s.lang)
		}
		if sh := englishShare(s.text); (s.lang == "en") != (sh >= englishThreshold) {
			t.Errorf("%s: englishShare = %.2f; the threshold is %.2f", s.lang, sh, englishThreshold)
		}
	}
	// English made of names and figures is never taken for another
	// language (it may be undetermined, and then it is annotated).
	for _, text := range []string{
		"RUGBY - HARWICK BEAT ELDON IN CUP TIE.\nHARWICK 2026-03-14\nHarwick beat Eldon 24-10 (halftime 10-3) in a Northern Cup match on Saturday.\nScorers: Tries - Tomas Berg, Piet Adler, Sven Osk. Conversions - Lars Mikkel 3. Penalty - Mikkel.\nEldon: Try - Jonas Brek. Conversion - Aksel Orn. Penalty - Orn.",
		"Korvane Mining Ltd Q3 loss widens.\nTORONTO 2026-10-02\n2026 2025\nShr loss C$ 0.12 loss C$ 0.05\nNet loss 2,310 loss 980\nRevs 14,200 16,450\nNine months\nShr loss C$ 0.31 loss C$ 0.14\nNet loss 6,020 loss 2,700\nRevs 41,900 47,300",
	} {
		if got, ok := DetectLanguage(text); ok && got != "en" {
			t.Errorf("DetectLanguage(%.40q…) = %q; an English table of names and figures", text, got)
		}
	}
	if got, ok := DetectLanguage("Fine."); ok {
		t.Errorf("DetectLanguage(%q) = %q, reliable; want unreliable for two words", "Fine.", got)
	}
}

func TestNormalizeLanguage(t *testing.T) {
	for in, want := range map[string]string{"en": "en", "EN-gb": "en", "en_US": "en", "eng": "en", "English": "en", "deu": "de", "German": "de", "": "", "xx-yy": "xx"} {
		if got := NormalizeLanguage(in); got != want {
			t.Errorf("NormalizeLanguage(%q) = %q; want %q", in, got, want)
		}
	}
}
