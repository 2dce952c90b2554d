//! One test per attribution rule, on short texts written for the purpose (table-driven, after
//! aho-corasick's `t!` tests). Each row: the text, then every expected record as
//! (quote, speaker, method, kind). People here are invented unless the rule is about the
//! gazetteer, where the built-in gazetteer's people are used.

use std::sync::LazyLock;

use whosaid::{Document, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::builtin().expect("built-in gazetteer"));

fn extract(text: &str) -> Vec<(String, String, String, String)> {
    EXTRACTOR
        .extract(&Document::new("t", text))
        .into_iter()
        .map(|r| {
            (r.quote, r.speaker, r.method.map_or("", |m| m.as_str()).to_string(), r.kind.as_str().to_string())
        })
        .collect()
}

macro_rules! t {
    ($name:ident, $text:expr, [$(($q:expr, $s:expr, $m:expr, $k:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let got = extract($text);
            let want: Vec<(String, String, String, String)> =
                vec![$(($q.to_string(), $s.to_string(), $m.to_string(), $k.to_string())),*];
            assert_eq!(got, want, "\ntext: {}", $text);
        }
    };
}

// Explicit cues, in either order.
t!(
    cue_after_name,
    "“We will not back down,” Maria Delgado said.",
    [("We will not back down,", "Maria Delgado", "explicit", "full")]
);
t!(
    cue_before_name,
    "“We will not back down,” said Maria Delgado.",
    [("We will not back down,", "Maria Delgado", "explicit", "full")]
);
t!(
    cue_before_quote,
    "Maria Delgado said on Monday that the plan was “dead on arrival.”",
    [("dead on arrival.", "Maria Delgado", "explicit", "partial")]
);
t!(
    told_with_listener,
    "Tom Okafor told reporters: “The vote is tomorrow.”",
    [("The vote is tomorrow.", "Tom Okafor", "explicit", "full")]
);
t!(
    according_to,
    "According to Priya Raman, the deal was “a historic mistake.”",
    [("a historic mistake.", "Priya Raman", "explicit", "partial")]
);
t!(question_then_cue, "“Why now?” Priya Raman asked.", [("Why now?", "Priya Raman", "explicit", "full")]);
t!(straight_marks, "\"It is over,\" said Tom Okafor.", [("It is over,", "Tom Okafor", "explicit", "full")]);
t!(
    twin_apostrophe_marks,
    "''It is over,'' said Tom Okafor.",
    [("It is over,", "Tom Okafor", "explicit", "full")]
);

// Appositions, before and after the cue.
t!(
    apposition_after_inverted_cue,
    "“Talks continue,” said Ana Ruiz, a spokeswoman for the ministry.",
    [("Talks continue,", "Ana Ruiz", "apposition", "full")]
);
t!(
    apposition_between_name_and_cue,
    "Ana Ruiz, a spokeswoman for the ministry, said the talks would “go on all night.”",
    [("go on all night.", "Ana Ruiz", "apposition", "partial")]
);
t!(
    name_in_apposition_after_description,
    "The mayor’s chief of staff, Ana Ruiz, said: “We are ready.”",
    [("We are ready.", "Ana Ruiz", "apposition", "full")]
);
t!(
    premodifier_role,
    "Rand Corporation analyst Derek Okonkwo said “nobody wins.”",
    [("nobody wins.", "Derek Okonkwo", "explicit", "partial")]
);

// Pronouns, with gender from given names.
t!(
    pronoun_she,
    "Maria Delgado spoke after Tom Okafor. “We will win,” she said.",
    [("We will win,", "Maria Delgado", "pronoun", "full")]
);
t!(
    pronoun_he,
    "Maria Delgado spoke after Tom Okafor. “We will win,” he said.",
    [("We will win,", "Tom Okafor", "pronoun", "full")]
);

// Surnames and honorifics resolve to the full name in the article.
t!(
    surname_to_full_name,
    "Derek Okonkwo arrived late.\n\n“Sorry,” Okonkwo said.",
    [("Sorry,", "Derek Okonkwo", "surname", "full")]
);
t!(
    honorific_surname,
    "Derek Okonkwo arrived late.\n\n“Sorry,” Mr. Okonkwo said.",
    [("Sorry,", "Derek Okonkwo", "surname", "full")]
);
t!(
    surname_found_later,
    "“Sorry,” Okonkwo said.\n\nDerek Okonkwo, a farmer, arrived late.",
    [("Sorry,", "Derek Okonkwo", "surname", "full")]
);
t!(
    same_surname_latest_wins,
    "Wang Yi met Wang Huiyao.\n\n“Talks help,” Wang said.",
    [("Talks help,", "Wang Huiyao", "surname", "full")]
);
t!(
    gazetteer_surname_alone,
    "“The world is watching,” Blinken said.",
    [("The world is watching,", "Antony Blinken", "surname", "full")]
);
t!(
    gazetteer_misspelling,
    "“The world is watching,” said Anthony Blinken.",
    [("The world is watching,", "Antony Blinken", "explicit", "full")]
);

// Roles resolve through the gazetteer to someone the article mentions.
t!(
    role_mention,
    "Joe Biden spoke to Congress.\n\nThe US president said America was “ready to help.”",
    [("ready to help.", "Joe Biden", "role", "partial")]
);

// Organisations.
t!(
    organization_speaker,
    "Blinken called Wang, and the State Department said the call was “candid.”",
    [("candid.", "U.S. State Department", "organization", "partial")]
);
t!(
    document_with_author,
    "“Talks went well,” said a readout of the call published by Xinhua.",
    [("Talks went well,", "Xinhua", "organization", "full")]
);
t!(
    description_speaker,
    "“No comment,” a spokesman for the campaign said.",
    [("No comment,", "a spokesman for the campaign", "explicit", "full")]
);

// Split quotes and continuation.
t!(
    split_quote,
    "“Pressure will only unite us,” Tom Okafor said, “and make us stronger.”",
    [
        ("Pressure will only unite us,", "Tom Okafor", "explicit", "split"),
        ("and make us stronger.", "Tom Okafor", "explicit", "split"),
    ]
);
t!(
    next_sentence_same_paragraph,
    "“We lost,” Tom Okafor said. “We will be back.”",
    [
        ("We lost,", "Tom Okafor", "explicit", "full"),
        ("We will be back.", "Tom Okafor", "continuation", "full"),
    ]
);
t!(
    quote_only_paragraph_continues,
    "Tom Okafor said the count was not over.\n\n“Every vote matters.”",
    [("Every vote matters.", "Tom Okafor", "continuation", "continuation")]
);
t!(
    multi_paragraph_quote,
    "“We lost this one,” Tom Okafor said. “But\n\n“we will be back.”",
    [
        ("We lost this one,", "Tom Okafor", "explicit", "full"),
        ("But", "Tom Okafor", "continuation", "full"),
        ("we will be back.", "Tom Okafor", "continuation", "continuation"),
    ]
);
t!(
    elided_subject_and,
    "Maria Delgado urged calm and called for “balanced” talks.",
    [("balanced", "Maria Delgado", "explicit", "partial")]
);
t!(
    participle_cue,
    "Maria Delgado left the room, saying the plan was “finished.”",
    [("finished.", "Maria Delgado", "explicit", "partial")]
);

// What is not a quote, or has no speaker.
t!(scare_quote_without_cue_is_left_out, "The so-called “axis” of the two powers grew.", []);
t!(title_is_not_speech, "Tom Okafor told NBC’s “Meet the Press” on Sunday that he would run.", []);
t!(apostrophes_are_not_quotes, "Russia’s ’90s economy didn’t grow, Tom Okafor said.", []);
t!(
    stray_mark_does_not_swallow_the_text,
    "“It is minimal,” Tom Okafor said. It’s over. “\n\nNothing here is quoted.",
    [("It is minimal,", "Tom Okafor", "explicit", "full")]
);

// Verbs whose object is not their speaker, parentheticals, and partial quotes in a clause.
t!(
    transitive_cue_object_is_not_speaker,
    "Sen. Tom Okafor (R-Texas), a candidate, called the plan “abhorrent” on Sunday.",
    [("abhorrent", "Tom Okafor", "apposition", "partial")]
);
t!(
    partial_quote_keeps_its_clause,
    "When Maria Delgado said she would “protect our citizens,” the crowd applauded.",
    [("protect our citizens,", "Maria Delgado", "explicit", "partial")]
);

// A description ends at its head unless a preposition continues it; surnames prefer last words.
t!(
    description_stops_before_its_verb,
    "A campaign official later walked back the remark, saying the plan was “not final.”",
    [("not final.", "A campaign official", "explicit", "partial")]
);
t!(
    surname_prefers_a_last_word_match,
    "Bernie Sanders spoke at the Sanders Iowa office.\n\n“We are close,” Sanders said.",
    [("We are close,", "Bernie Sanders", "surname", "full")]
);
