//! Web pages in: the article of a saved news page (`.html`, `.htm`) as a [`Document`].
//!
//! The page is read by dom_smoothie, a port of Mozilla's readability, which finds the
//! article's main content and drops navigation, ads, comments, scripts and share buttons. Its
//! paragraphs (`<p>`, headings, list items, quotations and preformatted blocks, innermost
//! first) become the document's paragraphs, separated by blank lines, with entities decoded
//! and runs of white space made one space: the same text as the article saved as plain text.
//! The page's title comes first, as a headline. Title, date, outlet and URL come from the
//! page's metadata where present (`og:title`, `article:published_time`, JSON-LD
//! `datePublished`, `<time datetime>`, `og:site_name`, `og:url` or the canonical link).

use dom_smoothie::{Config, Readability};

use crate::document::Document;
use crate::error::Error;

/// The block elements whose text is a paragraph (when no other one is inside them).
const BLOCKS: &str = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption";

/// The document of a web page; `id` is its id (the file name without extension).
pub fn read_page(id: &str, html: &str) -> Result<Document, Error> {
    let mut readability = Readability::new(html, None, Some(Config::default()))
        .map_err(|e| Error::other(format!("cannot read the page: {e}")))?;
    let json_ld = readability.parse_json_ld();
    let meta = readability.get_article_metadata(json_ld);
    let time = readability
        .doc
        .select("time[datetime]")
        .nodes()
        .iter()
        .find_map(|n| n.attr("datetime").map(|d| d.to_string()));
    let canonical = readability.doc.select("link[rel=canonical]").attr("href").map(|h| h.to_string());
    let article =
        readability.parse().map_err(|e| Error::other(format!("no article found in the page: {e}")))?;

    let content = dom_query::Document::from(article.content.to_string());
    let mut paragraphs: Vec<String> = Vec::new();
    let title = one_line(&meta.title);
    if !title.is_empty() {
        paragraphs.push(title.clone());
    }
    for node in content.select(BLOCKS).nodes() {
        if node.descendants_it().any(|d| d.is(BLOCKS)) {
            continue;
        }
        let text = one_line(&node.text());
        if !text.is_empty() && paragraphs.last() != Some(&text) {
            paragraphs.push(text);
        }
    }
    if paragraphs.len() <= usize::from(!title.is_empty()) {
        return Err(Error::other("no article text found in the page"));
    }
    let mut text = paragraphs.join("\n\n");
    text.push('\n');
    let some = |s: Option<String>| s.map(|s| one_line(&s)).filter(|s| !s.is_empty());
    Ok(Document {
        id: id.to_string(),
        text,
        outlet: some(meta.site_name),
        date: some(meta.published_time.or(time)).map(day),
        url: some(meta.url.or(canonical)),
        title: some(Some(title)),
        ..Document::default()
    })
}

/// `YYYY-MM-DD` of a timestamp that starts with one ("2022-02-03T09:00:00Z"), else the date as
/// the page gives it.
fn day(date: String) -> String {
    let b = date.as_bytes();
    let iso = b.len() >= 10
        && b[..10]
            .iter()
            .enumerate()
            .all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if iso {
        date[..10].to_string()
    } else {
        date
    }
}

/// The text with every run of white space (line breaks, non-breaking spaces) made one space.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::read_page;

    #[test]
    fn paragraphs_and_metadata_of_a_small_page() {
        let page = r#"<!doctype html><html><head><title>Port deal signed | The Harbour Times</title>
<meta property="og:title" content="Port deal signed">
<meta property="og:site_name" content="The Harbour Times">
<meta property="article:published_time" content="2022-02-03T09:00:00Z">
<script>var ads = "“not a quote,” said nobody";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Port deal signed</h1>
<p>The mayor, Ana Ruiz, signed the deal on Thursday.</p>
<p>&ldquo;This is a good day for the port,&rdquo; Ruiz said. &ldquo;We waited&nbsp;years.&rdquo;</p>
<p>Critics were less sure. &ldquo;It is a gamble,&rdquo; said Tom Hale, a councillor, who voted against the plan last month after a long debate.</p>
</article><footer>© The Harbour Times</footer></body></html>"#;
        let doc = read_page("port", page).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Port deal signed"));
        assert_eq!(doc.outlet.as_deref(), Some("The Harbour Times"));
        assert_eq!(doc.date.as_deref(), Some("2022-02-03"));
        assert_eq!(
            doc.text,
            "Port deal signed\n\nThe mayor, Ana Ruiz, signed the deal on Thursday.\n\n\
             “This is a good day for the port,” Ruiz said. “We waited years.”\n\n\
             Critics were less sure. “It is a gamble,” said Tom Hale, a councillor, who voted against \
             the plan last month after a long debate.\n"
        );
    }

    #[test]
    fn a_page_without_text_is_an_error() {
        assert!(read_page("x", "<html><body><nav>Home</nav></body></html>").is_err());
    }
}
