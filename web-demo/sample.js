// Sample content for "Try a sample" and "Load an example guideline".
// The sample is a realistic NGO post with the kinds of problems postlint finds in real
// drafts: a gendered greeting, pity and saviour framing, a personal e-mail address,
// an unclear ad label, a lowercase multi-word hashtag, and too much text for X.

export const SAMPLE_DRAFT = `Hey guys, our water project in Turkana is finally live!!! 💧

Thanks to your support, 3 new wells now serve 4,000 people. Before the wells, these poor families walked six hours a day for water. Our chairman, Joseph Ekai, calls it "a voice for the voiceless" — but the women who run the water committee say it best themselves.

Want to help? Donate today and be a hero to a village. Journalists can reach Joseph directly at joseph.ekai.home@gmail.com for interviews.

Big thanks to our partners at AquaPure #spon

#cleanwater #WaterIsLife #Turkana
`;

export const EXAMPLE_GUIDELINE = `# Our organisation's social-media guideline.
# Every key is optional; delete what you do not need.

[brand]
names = ["Harbor Health Alliance", "CareLink"]

[hashtags]
required = ["#HarborHealth"]   # at least one of these in every post
banned = ["#blessed"]
max = 3

[[rules]]
id = "hha.cheap"
category = "branding"
severity = "warning"
message = "Say 'affordable', not 'cheap'."
terms = ["cheap"]
suggest = ["affordable"]

[severity]
"style.long-sentence" = "off"

[allow]
terms = ["press@harbor-health.org"]
`;
