//! Who is who in an article: the rules that tell people from places, months and organisations,
//! and that resolve surnames and pronouns to them. Table-driven on short invented texts; each
//! row is a text and the (quote, speaker, role) of every record it yields, in order.

use std::sync::LazyLock;

use whosaid::{Document, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::builtin().expect("built-in gazetteer"));

fn extract(text: &str) -> Vec<(String, String, String)> {
    EXTRACTOR.extract(&Document::new("t", text)).into_iter().map(|r| (r.quote, r.speaker, r.role)).collect()
}

macro_rules! t {
    ($name:ident, $text:expr, [$(($q:expr, $s:expr, $r:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let got = extract($text);
            let want: Vec<(String, String, String)> =
                vec![$(($q.to_string(), $s.to_string(), $r.to_string())),*];
            assert_eq!(got, want, "\ntext: {}", $text);
        }
    };
}

// Who is a person: names outside every list, given names beyond the 1990 census.
t!(
    unknown_name_is_a_person_for_pronouns,
    "Tomas Brandt opened the meeting. Later Ngozi Adeyemi-Obi, a nurse, said the ward was full. \
     “We turn people away,” she said.",
    [("We turn people away,", "Ngozi Adeyemi-Obi", "")]
);
t!(
    surname_ending_an_earlier_full_name_is_that_person,
    "Halvard Oksnes coaches the team. Priya Venkataraman runs the club.\n\n\
     Oksnes did not hesitate. “We play to win,” he said.",
    [("We play to win,", "Halvard Oksnes", "")]
);

// Places, months and openers are not people.
t!(
    premodifier_place_and_role_split_off,
    "“The plan is late,” Dover cartoonist Ann Roe said.",
    [("The plan is late,", "Ann Roe", "Dover cartoonist")]
);
t!(
    organisation_of_place_before_a_role_is_not_the_speaker,
    "“The ice is thinning,” University of Leeds scientist Ann Roe said.",
    [("The ice is thinning,", "Ann Roe", "University of Leeds scientist")]
);
t!(
    month_is_not_a_surname,
    "Tom Vale runs the shop. Sales rose between May and October. “It was a good year,” he said.",
    [("It was a good year,", "Tom Vale", "")]
);
t!(
    sentence_opener_glued_to_a_name,
    "Mia Lund and Ola Berg arrived late. Besides Mia, nobody spoke. “The cake is mine,” Mia Lund said.",
    [("The cake is mine,", "Mia Lund", "")]
);
t!(
    middle_given_name_keeps_the_whole_name,
    "“There were gaps,” said Farouk Ali Haddad, a director at the institute.",
    [("There were gaps,", "Farouk Ali Haddad", "a director at the institute")]
);

// Who "he" and "she" are: the subject beats a nearer object or possessive.
t!(
    subject_beats_object_of_the_same_gender,
    "Jon Bell cited Tom Lee. “It is wrong,” he said.",
    [("It is wrong,", "Jon Bell", "")]
);
t!(
    subject_beats_possessive,
    "Ann Roe praised Kate Holm’s plan. “It works,” she said.",
    [("It works,", "Ann Roe", "")]
);
t!(
    pronoun_after_a_sentence_about_another_person,
    "Ravi Dhillon ran the brewery for years. Dhillon said a drink could help talks between the mayor \
     and Tom Lee. “They need a beer,” he said.",
    [("They need a beer,", "Ravi Dhillon", "")]
);
t!(
    opener_word_does_not_take_the_subject,
    "Given the delay, Rosa Quint, who leads the group, blamed Kate Holm’s office. “We waited a year,” \
     she said.",
    [("We waited a year,", "Rosa Quint", "")]
);
t!(
    name_set_off_after_an_owner_is_the_subject,
    "Tom Lee spoke first. Ben Ray’s lawyer, Tom Lee, met the judge with Ray. “The charge is false,” \
     he said.",
    [("The charge is false,", "Tom Lee", "")]
);
t!(
    owner_opening_a_sentence_with_no_subject_beats_a_later_owner,
    "Una Park said the rent was high. Ann Roe wrote the cookbook with her. Roe’s name sits beside \
     Park’s photo on the cover of Park’s old book. “I love this work,” she says.",
    [("I love this work,", "Ann Roe", "")]
);

// Pronoun chains and the article's people over stray list knowledge.
t!(
    pronoun_subject_carries_its_person_to_the_next_pronoun,
    "Judge Sam Dunphy ruled on Friday. Still, he denied Tom Hemming’s request for the lists.\n\n\
     “It needn’t be so bitter,” he wrote.",
    [("It needn’t be so bitter,", "Sam Dunphy", "Judge")]
);
t!(
    surname_takes_the_gender_of_its_full_name_not_of_a_given_name,
    // "Howell" is also a boy's name; here it is Ysolde Howell's surname.
    "Ysolde Howell chairs the board. She spoke to host Chris Walker. For Howell, the growth is \
     worrying.\n\n“Our schools are full,” she said.",
    [("Our schools are full,", "Ysolde Howell", "")]
);
t!(
    promo_line_names_no_speaker,
    "Kevin Haley studies scams.\n\nWATCH: Dover RCMP warns of rise in “sextortion” cases\n\n\
     “This game is about getting people to respond,” he said.",
    [("This game is about getting people to respond,", "Kevin Haley", "")]
);
t!(
    quoted_piece_without_a_cue_is_its_subject_s,
    "Ann Roe wants the council “to fix the roads before winter” and more buses.",
    [("to fix the roads before winter", "Ann Roe", "")]
);
t!(
    short_scare_quote_without_a_cue_has_no_speaker,
    "Ann Roe called the plan fine. Tom Lee runs a “pop-up” shop.",
    []
);
t!(
    month_abbreviation_is_not_a_given_name,
    "On Jan. 9, Paul Brandt, a bank president, gave an interview noting that rate rises could \
     “endanger a strong economy” this year.",
    [("endanger a strong economy", "Paul Brandt", "")]
);
t!(
    organisation_is_not_named_by_its_first_word,
    "Lumora Research ran the study. Lumora told staff it is “working closely” with the regulator.",
    [("working closely", "Lumora", "")]
);

// Cues in the plural present and chants: "say", "chanted".
t!(
    plural_present_and_chants_are_cues,
    "Ann Roe runs the clinic. Doctors say the new wing “will not open before winter” after the \
     delays.\n\nMarchers chanted “Open it now” outside.",
    [("will not open before winter", "Doctors", ""), ("Open it now", "Marchers", "")]
);

// Quotes labelled with their speaker's name, with no cue.
t!(
    name_and_colon_label_a_quote,
    "The hearing went on for hours.\n\nRep. Ann Roe (D-Ore.): “I have never heard that figure.”\n\n\
     The minutes read as follows: “Nothing was decided.”",
    [("I have never heard that figure.", "Ann Roe", "Rep.")]
);
t!(
    name_after_a_dash_labels_a_quote,
    "Readers wrote in after the debate.\n\n“He scares me.” ― Rosa Quint\n\n“I am not voting.” ― Tom Vale",
    [("He scares me.", "Rosa Quint", ""), ("I am not voting.", "Tom Vale", "")]
);

// No subject after a preposition, no name in a sentence's opening word.
t!(
    participle_subject_is_not_the_place_of_the_rally,
    "At a rally in Dover on Tuesday, Ann Roe endorsed the mayor, saying he would \
     “make an outstanding governor” one day.",
    [("make an outstanding governor", "Ann Roe", "")]
);
t!(
    a_statement_with_a_possessive_is_its_author_s,
    "Rosa Quint resigned on Monday. In her statement, she wrote: “I leave with my head high.”\n\n\
    “It has always been my view that the office must stand apart,” her statement said.",
    [
        ("I leave with my head high.", "Rosa Quint", ""),
        ("It has always been my view that the office must stand apart,", "Rosa Quint", "")
    ]
);
t!(
    with_x_saying_is_x_s,
    "The council voted the plan down on Monday, with Ann Roe saying it “will ruin the harbour” and \
     others agreeing.",
    [("will ruin the harbour", "Ann Roe", "")]
);

// Surnames that look like participles or adverbs.
t!(
    surname_ending_in_ing_after_a_quote_is_the_person,
    "Betsy Ebeling has known the candidate since school.\n\n\
     “We live in Chicago,” Ebeling said.",
    [("We live in Chicago,", "Betsy Ebeling", "")]
);
t!(
    participle_opening_a_sentence_is_still_no_name,
    "Dana Kirk met voters in Ames.\n\nSpeaking to reporters, she was calm. “We will win Iowa,” she said.",
    [("We will win Iowa,", "Dana Kirk", "")]
);

// Quotes with no cue of their own.
t!(
    colon_after_a_named_subject_introduces_the_quote,
    "Senator Ann Roe, D-Ore., was blunt: “It is time to stop attacking people and get on message.”",
    [("It is time to stop attacking people and get on message.", "Ann Roe", "Senator")]
);
t!(
    colon_after_a_phrase_that_only_mentions_a_name_introduces_no_one,
    "Ann Roe leads the poll. The timing of Roe’s surge surprised the pollsters: “Lesser-known \
     candidates often rise late in the race.”",
    []
);
t!(
    colon_in_a_heading_introduces_no_one,
    "Ann Roe: “We Are Going All The Way To The Convention”\n\nAnn Roe spoke in Dover.\n\n\
     “We will win,” she said.",
    [("We will win,", "Ann Roe", "")]
);
t!(
    quote_after_a_sentence_that_reports_its_speaker,
    "Tom Lee backs the bill. Adam Schiff said the administration may wait, Lee said. \
     “The other factor is the election.”",
    [("The other factor is the election.", "Tom Lee", "")]
);
t!(
    quote_after_a_sentence_whose_cue_is_not_speech,
    "Ann Roe runs the agency, and she continues to struggle with the budget. At a meeting on \
     Monday, her critics were hostile: “Is it time to change course?”",
    []
);
t!(
    subheading_in_single_marks_continues_no_one,
    "“We build a lot of things here,” said Rob Marsh, the plant manager.\n\n\
     'A healthy environment.'\n\nThe plant opened in 1961, “a good year,” Marsh said.",
    [
        ("We build a lot of things here,", "Rob Marsh", "the plant manager"),
        ("a good year,", "Rob Marsh", "the plant manager")
    ]
);
t!(
    single_marks_continue_speech_where_the_article_quotes_with_them,
    "'We build a lot of things here,' said Rob Marsh, the plant manager.\n\n\
     'We will keep building.'\n\nThe plant opened in 1961, “a good year,” Marsh said.",
    [
        ("We build a lot of things here,", "Rob Marsh", "the plant manager"),
        ("We will keep building.", "Rob Marsh", "the plant manager"),
        ("a good year,", "Rob Marsh", "the plant manager")
    ]
);

// Organisations whose names hold a country, and people whose names hold a group word.
t!(
    organisation_ending_in_a_country,
    "The fund was announced on Monday.\n\n\
     “The reach of the fund will double,” Infrastructure Canada said in a statement.",
    [("The reach of the fund will double,", "Infrastructure Canada", "")]
);
t!(
    organisation_opening_with_a_country_adjective,
    "Juice “is a source of important vitamins,” the Canadian Beverage Association said.",
    [("is a source of important vitamins,", "Canadian Beverage Association", "")]
);
t!(
    country_adjective_before_a_title_stays_a_role,
    "“We will win,” said Canadian Prime Minister Justin Trudeau.",
    [("We will win,", "Justin Trudeau", "Canadian Prime Minister")]
);
t!(
    person_with_a_group_word_inside_the_name,
    "Kathleen Hall Jamieson studies debates. “Voters forget the details,” Jamieson said.",
    [("Voters forget the details,", "Kathleen Hall Jamieson", "")]
);

// The subject of a sentence is not inside the clause that opens it.
t!(
    pronoun_skips_names_in_an_opening_clause,
    "Mayor Rod Peters toured the town.\n\n\
     While many Lake Cowichan residents have generators, Peters said others are in the dark.\n\n\
     “It is very bad for our seniors,” he said.",
    [("It is very bad for our seniors,", "Rod Peters", "Mayor")]
);

// Descriptions in lower case before a name.
t!(
    inverted_cue_then_a_description_then_the_name,
    "Protesters gathered in Edmonton.\n\n\
     “Our allies are laughing at us,” said oil and gas worker Mike Wipf. “They rob us blind.”",
    [
        ("Our allies are laughing at us,", "Mike Wipf", "oil and gas worker"),
        ("They rob us blind.", "Mike Wipf", "oil and gas worker")
    ]
);
t!(
    inverted_cue_then_a_long_clause_before_a_name,
    "“It was cold,” said one of the many people who came early to see Ann Roe.",
    []
);

// A speech cue that ends the sentence after a partial quote frames the whole sentence.
t!(
    cue_ending_the_sentence_frames_a_partial_quote,
    "Ann Roe runs the list. In 1994, officials from the Dover Hawks objected to the inclusion of \
     “three-peat,” Roe said.\n\nTom Lee met the board. Lee said that Una Park has “no plan at all,” he said.",
    [("three-peat,", "Ann Roe", ""), ("no plan at all,", "Tom Lee", "")]
);

// A transitive cue after a quote that a comma closes has its speaker after it.
t!(
    inverted_transitive_cue_after_a_quote,
    "Ann Roe runs the list. “It was a mess,” scolded Una Park.\n\n\
     Tom Lee runs the board. Those who voted for “the plan,” blamed Ann Roe for the delay.",
    [("It was a mess,", "Una Park", "")]
);

// Stammered and stuttered speech has its speaker too.
t!(
    stuttered_is_a_cue,
    "Ann Roe arrived at the camp. Tom Lee laughed and stuttered, “I … I don’t know.”",
    [("I … I don’t know.", "Tom Lee", "")]
);

// A verb no cue list holds, after a full quote.
t!(
    name_and_unlisted_verb_after_a_full_quote,
    "Ann Roe and Tom Lee met at the fair.\n\n\
     “They are all here because he promises them everything,” Lee shot back with a laugh.",
    [("They are all here because he promises them everything,", "Tom Lee", "")]
);
t!(
    title_before_a_name_and_verb_is_no_speech,
    "Ann Roe met Tom Lee.\n\n“Hail, Caesar!,” Tom Lee starred in last year, opens on Friday.",
    []
);

// Names with particles after an inverted cue.
t!(
    inverted_cue_then_a_name_with_a_particle,
    "Courts ruled on Monday.\n\n“The law is clear here,” said Pierre de Vos, a law professor.",
    [("The law is clear here,", "Pierre de Vos", "a law professor")]
);

// A paragraph that ends with a colon introduces the quote that follows it.
t!(
    colon_ending_a_paragraph_introduces_the_next_quote,
    "Storm kills four\n\nOfficials spoke on Monday after the storm. Four people died.\n\n\
     In response to the loss of life, Senator Ann Roe issued the following statement:\n\n\
     “Our prayers are with all those affected by this tragedy.”",
    [("Our prayers are with all those affected by this tragedy.", "Ann Roe", "Senator")]
);
t!(
    colon_ending_a_paragraph_after_a_phrase_that_names_no_one,
    "Storm kills four\n\nOfficials spoke on Monday after the storm. Four people died.\n\n\
     The timing of Roe’s statement surprised her critics:\n\n\
     “Our prayers are with all those affected by this tragedy.”",
    []
);

// Occupations describe a speaker the article does not name here.
t!(
    occupation_noun_describes_the_speaker,
    "“We are refining our operations,” the retired neurosurgeon told reporters.",
    [("We are refining our operations,", "the retired neurosurgeon", "")]
);
t!(
    document_that_reads_is_the_speaker,
    "“Fox News confirmed the meeting took place this morning,” the statement read.",
    [("Fox News confirmed the meeting took place this morning,", "the statement", "")]
);
t!(
    verbs_of_manner_are_cues,
    "Dana Kirk said little at first.\n\nShe apologized, then sniffed that “there is no advantage to being older here.”",
    [("there is no advantage to being older here.", "Dana Kirk", "")]
);

// Descriptions with ages, years, hyphens and kin or occupation words name an unnamed speaker.
t!(
    age_is_a_description_of_the_speaker,
    "The mayor spoke on Monday.\n\n“Roads matter to every family,” said the 52-year-old. “Now we will fix them.”",
    [
        ("Roads matter to every family,", "the 52-year-old", ""),
        ("Now we will fix them.", "the 52-year-old", "")
    ]
);
t!(
    year_and_hyphenated_words_in_a_description,
    "“If the vote fails, the energy goes elsewhere,” said one well-connected Democrat familiar with \
     the plan.\n\n“She didn’t like that,” said a 2010 campaign veteran.",
    [
        ("If the vote fails, the energy goes elsewhere,", "one well-connected Democrat", ""),
        ("She didn’t like that,", "a 2010 campaign veteran", "")
    ]
);
t!(
    lowercase_title_before_a_name_after_the_quote,
    "“It is unanimous,” councilmember Tara Vance said of the vote.",
    [("It is unanimous,", "Tara Vance", "councilmember")]
);

// Cues are generated from base verbs in data/cues.csv: "put it", "points out", "admitting".
t!(
    put_it_is_a_cue_in_an_opening_clause,
    "As Tom Hale, a lawyer at a small firm, recently put it, “The rules were never followed.”\n\n\
     As the Herald's Ann Booth puts it, “Nobody in the council wants a vote.”",
    [
        ("The rules were never followed.", "Tom Hale", "a lawyer at a small firm"),
        ("Nobody in the council wants a vote.", "Ann Booth", "")
    ]
);
t!(
    phrasal_and_doubled_forms_are_cues,
    "Ann Roe runs the council.\n\n“The budget has grown every year,” she points out.\n\n\
     The mayor, admitting that “we were wrong about the bridge,” left early.",
    [
        ("The budget has grown every year,", "Ann Roe", ""),
        ("we were wrong about the bridge,", "The mayor", "")
    ]
);
t!(
    a_title_inside_a_sentence_is_not_speech,
    "As Ann Roe, author of “The Long Road Home,” put it, “The town never recovered.”",
    [("The town never recovered.", "Ann Roe", "")]
);

// A description owned by a name speaks for it; a long opener does not hide the subject.
t!(
    possessive_description_is_the_speaker,
    "Dale Rusk spoke first.\n\nRusk’s campaign shrugged off the criticism, telling reporters, “Nobody asked for a debate.”",
    [("Nobody asked for a debate.", "Rusk’s campaign", "")]
);
t!(
    long_opener_before_the_subject_of_a_colon_paragraph,
    "Storm kills four\n\nOfficials spoke on Monday after the storm. Four people died.\n\n\
     In response to the tragic loss of life, Republican presidential nominee Dale Rusk issued the \
     following statement:\n\n“Our prayers are with all those affected by this tragedy.”",
    [(
        "Our prayers are with all those affected by this tragedy.",
        "Dale Rusk",
        "Republican presidential nominee"
    )]
);

// A quote that ends a paragraph of dialogue by nested marks still meets its cue.
t!(
    stray_mark_of_nested_quotes_before_the_cue,
    "The dinner went on late.\n\n''I would call it 'old-school,''' said Tom Vale, a family friend. ''Nobody minded.''",
    [
        ("I would call it 'old-school,", "Tom Vale", "a family friend"),
        ("Nobody minded.", "Tom Vale", "a family friend")
    ]
);

// Plural descriptions need no determiner; a quote paragraph after a paragraph about a person
// takes that person when nothing else names a speaker.
t!(
    plural_description_without_determiner,
    "“The harm is beyond measure,” federal prosecutors wrote in a filing.",
    [("The harm is beyond measure,", "federal prosecutors", "")]
);
t!(
    lead_in_paragraph_names_the_next_speaker,
    "Tara Vance praised the council’s work on the bridge.\n\n“We need someone who can get things done.”\n\n\
     Tom Lee is upbeat about the race.\n\n“Not only can we win, we are the favourites.”",
    [
        ("We need someone who can get things done.", "Tara Vance", ""),
        ("Not only can we win, we are the favourites.", "Tom Lee", "")
    ]
);

// An honorific's gender picks among people of one surname.
t!(
    honorific_gender_picks_among_one_surname,
    "Tom Vale and Ann Vale run the bakery together. Ann Vale opened it first, and Tom Vale joined \
     her later.\n\n“I am not a natural baker,” Mrs. Vale said. “He is,” Mr. Vale said of his son.",
    [("I am not a natural baker,", "Ann Vale", ""), ("He is,", "Tom Vale", "")]
);

// A quoted piece that completes a noun of speech is the words of that noun's owner.
t!(
    quoted_complement_of_a_noun_of_speech,
    "Ann Roe criticised Tom Lee’s call for a “complete shutdown of the port” on Monday. She also \
     mocked his promise of “free parking for everyone.” His comments were “hurtful,” she said.",
    [
        ("complete shutdown of the port", "Tom Lee", ""),
        ("free parking for everyone.", "Tom Lee", ""),
        ("hurtful,", "Ann Roe", "")
    ]
);

// A given name before a country's name is a person ("Steve Israel"), also when the surname
// comes back alone.
t!(
    given_name_before_a_country_is_a_person,
    "“The numbers speak for themselves,” said Representative Tara France, a Democrat. \
     “They cannot afford to ignore them,” said Dana Paris.",
    [
        ("The numbers speak for themselves,", "Tara France", "Representative"),
        ("They cannot afford to ignore them,", "Dana Paris", "")
    ]
);

// An acronym stands for the organisation the article named in full.
t!(
    acronym_is_the_organisation_named_in_full,
    "The loan came from Northern Trade Finance, a Crown agency.\n\n\
     “We cannot discuss any policy,” NTF said in a statement.",
    [("We cannot discuss any policy,", "Northern Trade Finance", "")]
);

// An organisation with "and" in its name before a role and a person, after an inverted cue.
t!(
    organisation_with_and_before_a_titled_name,
    "Results are “very exciting,” says Lakes and Rivers senior manager Dana Kirk, who leads the project.",
    [("very exciting,", "Dana Kirk", "Lakes and Rivers senior manager")]
);

// A quote that ends on a period ends its sentence: the next sentence's subject is no speaker,
// but after a question mark the cue still follows.
t!(
    period_inside_the_quote_ends_its_sentence,
    "Dana Kirk spoke at the rally.\n\n“We will fix every road in this town.” The crowd loudly cheers her words.\n\n\
     “Why now?” Tom Lee asked.",
    [("Why now?", "Tom Lee", "")]
);

// A wire dateline opening the sentence is not its subject.
t!(
    dateline_is_not_the_subject,
    "Council apologises\n\nDOVER, Jan. 5 (NWS) — The city council released a statement on Monday, \
     offering “a deep and sincere apology” to residents.\n\nMore follows.",
    [("a deep and sincere apology", "The city council", "")]
);

// A place after an opener's preposition is no clause's speaker.
t!(
    place_is_not_a_clause_subject,
    "At a town hall in Ames, Iowa, on Sunday, the senator spoke for an hour, saying that the state \
     should “be rallying our partners.”",
    [("be rallying our partners.", "the senator", "")]
);

// "told" takes its object, never its speaker, after the cue.
t!(
    object_of_told_is_not_the_speaker,
    "Storm hits coast\n\nThe storm moved north on Monday.\n\n“The crews are under a lot of pressure,” \
     an intelligence source, who was not authorized to speak, told Channel Nine.",
    [("The crews are under a lot of pressure,", "an intelligence source", "")]
);

// Role words inside an organisation's name are words of the name.
t!(
    role_words_inside_an_organisation_name,
    "A 2019 review by the Provincial Audit Committee said it was “troubled by the missing records,” \
     and the Senate National Housing Committee said the plan was “years late.”",
    [
        ("troubled by the missing records,", "Provincial Audit Committee", ""),
        ("years late.", "Senate National Housing Committee", ""),
    ]
);

// The object of a preposition is not a clause's subject, not even its last words.
t!(
    object_of_a_preposition_is_no_subject,
    "The trouble began during a speech at the Ohio University of Dayton, when student \
     protesters interrupted her, shouting “she wins, we lose!”",
    [("she wins, we lose!", "student protesters", "")]
);

// A role noun's post-modifier is not its head: a word in it that names no one is no speaker.
t!(
    role_post_modifier_is_not_the_speaker,
    "Ann Roe chaired the hearing.\n\n“No comment,” said the Deputy Minister of Health.",
    [("No comment,", "the Deputy Minister of Health", "")]
);

// An organisation word alone after a determiner is a description, not a surname.
t!(
    organisation_word_after_a_determiner_is_a_description,
    "The Committee said the report was “late and thin.”\n\nThe Board of Health said the risk was “low.”",
    [("late and thin.", "The Committee", ""), ("low.", "The Board of Health", "")]
);

// An office title before a name is the person's role, carried to later mentions; a courtesy
// title gives none, and an apposition outranks a title alone.
t!(
    office_title_is_the_role_of_later_pronouns,
    "Mayor Lisa Chen said the budget was tight. “We will cut,” she said.",
    [("We will cut,", "Lisa Chen", "Mayor")]
);
t!(
    office_title_and_the_place_it_is_of,
    "“It is over,” said Gov. Ann Roe of Ohio. Later she left. “We won,” she said.",
    [("It is over,", "Ann Roe", "Gov. of Ohio"), ("We won,", "Ann Roe", "Gov. of Ohio")]
);
t!(
    office_title_and_the_body_it_is_of,
    "Judge Ann Roe of the Dover County Court spoke first. “Order,” she said.",
    [("Order,", "Ann Roe", "Judge of the Dover County Court")]
);
t!(
    role_noun_premodifier_and_the_place_it_is_of,
    "Police Chief Tom Baker of Dover said crime fell. “We did well,” he said.",
    [("We did well,", "Tom Baker", "Police Chief of Dover")]
);
t!(
    what_another_person_owns_is_no_place_of_the_title,
    "“It is over,” Gov. Ann Roe of Lee’s campaign said.",
    [("It is over,", "Ann Roe", "Gov.")]
);
t!(
    title_alone_gives_way_to_a_fuller_role_and_an_opener_is_no_role,
    "Mayor Ann Roe opened the fair.\n\nLater Dover Mayor Ann Roe spoke. “Come in,” Roe said.",
    [("Come in,", "Ann Roe", "Dover Mayor")]
);
t!(
    apposition_outranks_a_title_alone,
    "“The bill failed,” Sen. Ann Roe, a Dover farmer, said. Gov. Tom Lee agreed. “We lost,” he said.",
    [("The bill failed,", "Ann Roe", "a Dover farmer"), ("We lost,", "Tom Lee", "Gov.")]
);
t!(
    courtesy_title_is_no_role,
    "“It is done,” said Rev. Ann Roe. Mayor Tom Lee nodded. “Go,” he said.\n\n\
     “The data are clear,” Dover cartoonist Dr. Una Park said.",
    [
        ("It is done,", "Ann Roe", ""),
        ("Go,", "Tom Lee", "Mayor"),
        ("The data are clear,", "Una Park", "Dover cartoonist")
    ]
);
t!(
    another_person_before_and_is_no_role,
    "Tom Lee and Sen. Ann Roe met on Monday. “We agree,” Roe said.\n\n\
     When Gov. Una Park spoke, the hall was full. “Thank you,” Park said.",
    [("We agree,", "Ann Roe", "Sen."), ("Thank you,", "Una Park", "Gov.")]
);
t!(
    organisation_before_and_is_no_role,
    "The Dover Farm Caucus and Sen. Ann Roe oppose the plan. “It is wrong,” Roe said.",
    [("It is wrong,", "Ann Roe", "Sen.")]
);

// A relative clause between commas is no apposition: it gives no role.
t!(
    relative_clause_is_no_role,
    "Ann Roe, whose shop closed last year, said it was “time to go.”",
    [("time to go.", "Ann Roe", "")]
);
