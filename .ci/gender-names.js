// Writes annotate/english/gendernames.txt from the npm package human-names
// (its English male and female first-name lists, names on both left out),
// sorted, so that the same package gives the same bytes. Run by
// `make gender-names` with the unpacked package's folder as argument.
const fs = require("fs");
const dir = process.argv[2] + "/package/data/";
const male = JSON.parse(fs.readFileSync(dir + "male-human-names-en.json", "utf8"));
const female = JSON.parse(fs.readFileSync(dir + "female-human-names-en.json", "utf8"));
const isMale = new Set(male), isFemale = new Set(female);
const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const out = [
  "# More first names by gender, for the gender a text gives a person (he and",
  "# she). Derived by `make gender-names` from the npm package human-names 1.0.13",
  "# (MIT, (c) 2015 Alessandro Minoccheri): its English male and female lists,",
  "# names on both left out. Only the quotes stage's pronoun resolution reads",
  "# it; firstnames.txt, curated, is read first and wins.",
];
for (const n of [...isMale].filter((n) => !isFemale.has(n)).sort(byCode)) out.push("m " + n);
for (const n of [...isFemale].filter((n) => !isMale.has(n)).sort(byCode)) out.push("f " + n);
fs.writeFileSync("annotate/english/gendernames.txt", out.join("\n") + "\n");
