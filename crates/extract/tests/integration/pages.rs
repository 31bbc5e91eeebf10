//! Behaviours of the HTML path on small pages written for these tests: which container is
//! the article, and which title, author and date a page gets.

use model::{Article, Content, Origin, RawDocument};

fn extract_page(html: &str) -> Article {
    let doc = RawDocument::new(Origin::file("page.html"), Content::Html(html.to_string()));
    extract::extract(&doc).0
}

/// A paragraph of our own words, long enough to count as article text.
fn para(topic: &str) -> String {
    format!(
        "<p>The town council met on Monday to discuss the {topic}, and members agreed that \
         the plan needed more work before a vote could be held, according to the clerk.</p>"
    )
}

#[test]
fn article_in_a_wrapper_with_chrome_words_is_found() {
    // The theme marks the layout "has sidebar"; the article is still inside it, next to a
    // long list of section links that holds most of the page's text.
    let links: String = (0..60)
        .map(|n| format!("<li><a href=\"/s/{n}\">Section of the site number {n}</a></li>"))
        .collect();
    let html = format!(
        "<html><body><div class=\"container has-sidebar\"><article>{}{}{}</article></div>\
         <div class=\"cookie-banner\"><p>This site uses cookies to improve your visit.</p></div>\
         <div class=\"sections\"><ul>{links}</ul></div></body></html>",
        para("bridge"),
        para("library"),
        para("market")
    );
    let article = extract_page(&html);
    assert!(article.body.contains("discuss the bridge"), "{}", article.body);
    assert!(article.body.contains("discuss the market"));
    assert!(!article.body.contains("cookies"));
}

#[test]
fn article_split_into_chunks_is_read_whole() {
    // Each chunk has the same class, so no single one of them is the article.
    let chunk = |topic: &str| {
        format!("<div class=\"article-body chunk\">{}{}</div>", para(topic), para(topic))
    };
    let html = format!(
        "<html><body><main><h1>Council news</h1>{}<figure>Photo</figure>{}<div>Ad</div>{}</main>\
         </body></html>",
        chunk("bridge"),
        chunk("library"),
        chunk("market")
    );
    let article = extract_page(&html);
    for topic in ["bridge", "library", "market"] {
        assert!(
            article.body.contains(&format!("discuss the {topic}")),
            "{topic}: {}",
            article.body
        );
    }
}

#[test]
fn related_story_teasers_stay_out() {
    let teaser = |n: u32| {
        format!(
            "<div class=\"card\"><p><a href=\"/story/{n}\">Another story about the harbour \
             number {n}</a> The harbour master said the new pier would open in spring, and \
             boats would be moved...</p></div>"
        )
    };
    let html = format!(
        "<html><body><div class=\"page\"><article class=\"post\">{}{}{}</article>\
         <div class=\"more\">{}{}{}{}</div></div></body></html>",
        para("bridge"),
        para("library"),
        para("market"),
        teaser(1),
        teaser(2),
        teaser(3),
        teaser(4)
    );
    let article = extract_page(&html);
    assert!(article.body.contains("discuss the market"));
    assert!(!article.body.contains("harbour"), "{}", article.body);
}

#[test]
fn byline_label_and_name_in_separate_elements() {
    let html = format!(
        "<html><head><title>Council delays vote on bridge</title></head><body><article>\
         <h1>Council delays vote on bridge</h1><div class=\"meta\"><p>Written by</p>\
         <p>Marta Kowalczyk</p></div>{}{}</article></body></html>",
        para("bridge"),
        para("library")
    );
    assert_eq!(extract_page(&html).author.as_deref(), Some("Marta Kowalczyk"));
}

#[test]
fn outlet_named_as_author_gives_way_to_the_byline() {
    let html = format!(
        "<html><head><meta property=\"og:site_name\" content=\"Harbour Weekly\">\
         <meta name=\"author\" content=\"Harbour Weekly\"></head><body><article>\
         <h1>Council delays vote on bridge</h1><span class=\"authorName\">By Tomas Ferreira</span>\
         {}{}</article></body></html>",
        para("bridge"),
        para("library")
    );
    assert_eq!(extract_page(&html).author.as_deref(), Some("Tomas Ferreira"));
    // With no person named anywhere, the outlet is still better than nothing.
    let html = html.replace("<span class=\"authorName\">By Tomas Ferreira</span>", "");
    assert_eq!(extract_page(&html).author.as_deref(), Some("Harbour Weekly"));
}

#[test]
fn addresses_and_labels_are_not_authors() {
    let html = format!(
        "<html><head><meta name=\"author\" content=\"desk@harbour.example\"></head><body><article>\
         <h1>Council delays vote</h1><p class=\"byline\">By Ines Laurent</p>{}{}</article>\
         </body></html>",
        para("bridge"),
        para("library")
    );
    assert_eq!(extract_page(&html).author.as_deref(), Some("Ines Laurent"));
}

#[test]
fn every_author_of_a_paper_is_kept() {
    let html = format!(
        "<html><head><meta name=\"citation_author\" content=\"Ana Silva\">\
         <meta name=\"citation_author\" content=\"Bo Lindqvist\">\
         <meta name=\"citation_author\" content=\"Chen Wei\"></head><body><article>\
         <h1>A study of bridges</h1>{}{}</article></body></html>",
        para("bridge"),
        para("library")
    );
    assert_eq!(extract_page(&html).author.as_deref(), Some("Ana Silva, Bo Lindqvist, Chen Wei"));
}

#[test]
fn title_keeps_the_metadata_case_and_drops_pipes_and_curly_apostrophes() {
    let html = format!(
        "<html><head><meta property=\"og:title\" content=\"Why the Council’s Bridge Vote Slipped\">\
         </head><body><article><h1>WHY THE COUNCIL’S BRIDGE VOTE SLIPPED</h1>{}{}</article>\
         </body></html>",
        para("bridge"),
        para("library")
    );
    assert_eq!(extract_page(&html).title.as_deref(), Some("Why the Council's Bridge Vote Slipped"));
    let html = format!(
        "<html><head><title>Bridge vote slips again | News | Harbour Weekly</title></head><body>\
         <article>{}{}</article></body></html>",
        para("bridge"),
        para("library")
    );
    assert_eq!(extract_page(&html).title.as_deref(), Some("Bridge vote slips again"));
}

#[test]
fn dates_from_less_common_sources() {
    let dated = |head: &str, body: &str| {
        let html = format!(
            "<html><head>{head}</head><body><article><h1>Bridge vote slips</h1>{body}{}{}\
             </article></body></html>",
            para("bridge"),
            para("library")
        );
        extract_page(&html).published.map(|date| date.format("%Y-%m-%d").to_string())
    };
    assert_eq!(
        dated("<meta name=\"published\" content=\"July 17, 2025\">", "").as_deref(),
        Some("2025-07-17")
    );
    assert_eq!(
        dated("", "<span class=\"date\">Published On: 15 August 2025</span>").as_deref(),
        Some("2025-08-15")
    );
    assert_eq!(
        dated("", "<p>Updated Dec 18, 2025 · 12 min read</p>").as_deref(),
        Some("2025-12-18")
    );
    // A last-modified date is not a publication date.
    assert_eq!(
        dated("<meta property=\"article:modified_time\" content=\"2025-06-18T10:00:00Z\">", ""),
        None
    );
}

#[test]
fn bylines_keep_their_list_punctuation_and_skip_comments() {
    let page = |byline: &str| {
        format!(
            "<html><body><article><h1>Council delays vote</h1><p class=\"byline\">{byline}</p>\
             {}{}</article><section class=\"comments\"><p class=\"comment-author\">By Rex \
             Tillman</p></section></body></html>",
            para("bridge"),
            para("library")
        )
    };
    assert_eq!(
        extract_page(&page("By Ann Lee, Bo Kim, and Cy Hall")).author.as_deref(),
        Some("Ann Lee, Bo Kim, and Cy Hall")
    );
    // The only name outside the comments is none at all.
    assert_eq!(extract_page(&page("")).author, None);
}

#[test]
fn a_login_in_metadata_gives_way_to_the_byline() {
    let html = format!(
        "<html><head><meta name=\"author\" content=\"mkowal\"></head><body><article>\
         <h1>Council delays vote</h1><div class=\"post-author\">By Marta Kowalczyk</div>{}{}\
         </article></body></html>",
        para("bridge"),
        para("library")
    );
    assert_eq!(extract_page(&html).author.as_deref(), Some("Marta Kowalczyk"));
}

/// A page with a headline, a head (what comes between the headline and the text) and
/// metadata, for the date and author tests below.
fn headed_page(head_meta: &str, head: &str) -> String {
    format!(
        "<html><head>{head_meta}</head><body><article><h1>Council delays vote on bridge</h1>\
         {head}{}{}</article><footer><p>Posted March 3, 2019</p></footer></body></html>",
        para("bridge"),
        para("library")
    )
}

fn day(article: &Article) -> Option<String> {
    article.published.map(|date| date.format("%Y-%m-%d").to_string())
}

#[test]
fn the_date_shown_with_the_headline_beats_metadata() {
    let meta = "<meta property=\"article:published_time\" content=\"2021-03-01T09:00:00Z\">";
    // The CMS date is when the page was created; readers are shown another.
    let page = headed_page(meta, "<div class=\"meta\"><span>March 4, 2021</span></div>");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2021-03-04"));
    // A date labelled as an update is when the page changed, not when it was published.
    let page = headed_page(meta, "<div class=\"meta\"><span>Updated March 4, 2021</span></div>");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2021-03-01"));
    let page = headed_page(meta, "<p>Updated <time>March 4, 2021</time></p>");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2021-03-01"));
    // The same day as the metadata: the metadata's time and zone are kept.
    let meta = "<meta property=\"article:published_time\" content=\"2021-03-04T08:30:00-05:00\">";
    let page = headed_page(meta, "<p class=\"date\">Mar 4, 2021</p>");
    let published = extract_page(&page).published.map(|date| date.to_rfc3339());
    assert_eq!(published.as_deref(), Some("2021-03-04T08:30:00-05:00"));
    // Shown in the site's zone, stored in UTC: one moment, so the timestamp is kept.
    let meta = "<meta property=\"article:published_time\" content=\"2021-03-05T02:17:00Z\">";
    let page = headed_page(meta, "<p class=\"date\">March 4, 2021</p>");
    let published = extract_page(&page).published.map(|date| date.to_rfc3339());
    assert_eq!(published.as_deref(), Some("2021-03-05T02:17:00+00:00"));
    // Two days apart is not one moment.
    let meta = "<meta property=\"article:published_time\" content=\"2021-03-06T02:17:00Z\">";
    let page = headed_page(meta, "<p class=\"date\">March 4, 2021</p>");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2021-03-04"));
}

#[test]
fn dates_far_from_the_headline_are_a_last_resort() {
    // Only the footer has a date: it is used when nothing better is known...
    let page = headed_page("", "");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2019-03-03"));
    // ...but a date in the page's address comes first.
    let mut doc = RawDocument::new(Origin::file("page.html"), Content::Html(page));
    doc.url = Some("https://news.example/2021/03/04/council-delays-vote".to_string());
    assert_eq!(day(&extract::extract(&doc).0).as_deref(), Some("2021-03-04"));
}

#[test]
fn url_dates() {
    let day = |url: &str| extract::url_date(url).map(|date| date.format("%Y-%m-%d").to_string());
    assert_eq!(day("https://a.example/2021/3/4/slug").as_deref(), Some("2021-03-04"));
    assert_eq!(day("https://a.example/blog/2021-03-04-slug").as_deref(), Some("2021-03-04"));
    assert_eq!(day("https://a.example/news/20210304/slug.html").as_deref(), Some("2021-03-04"));
    assert_eq!(day("https://a.example/world/2021/mar/04/slug").as_deref(), Some("2021-03-04"));
    assert_eq!(day("https://a.example/blog/2021/march/4/slug").as_deref(), Some("2021-03-04"));
    // "news" is not a month; a date later in the path still counts.
    assert_eq!(day("https://a.example/2021/news/04/slug"), None);
    assert_eq!(
        day("https://a.example/2020/news/04/2021/03/04/slug").as_deref(),
        Some("2021-03-04")
    );
    // A month alone, an impossible day, a number that is not a year, or a date outside the
    // path: no date.
    assert_eq!(day("https://a.example/2021/03/slug"), None);
    assert_eq!(day("https://a.example/2021/02/30/slug"), None);
    assert_eq!(day("https://a.example/item/12345678/slug"), None);
    assert_eq!(day("https://a.example/slug?from=2021-03-04"), None);
}

#[test]
fn a_page_that_says_when_it_first_appeared_is_taken_at_its_word() {
    let meta = "<meta property=\"article:published_time\" content=\"2022-09-30T09:00:00Z\">";
    let note = "<p class=\"note\">This article was originally published on 26 Sep 2019 at \
                4:12pm but has been updated to keep the figures current.</p>";
    let page = headed_page(meta, "<p>Sep 30, 2022</p>")
        .replace("</article>", &format!("{note}</article>"));
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2019-09-26"));
    // What the article says about something else is not the page's date.
    let history = "<p>The harbour guide was first published on 3 May 1951 and has been \
                   reprinted many times since then.</p>";
    let page = headed_page(meta, "").replace("</article>", &format!("{history}</article>"));
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2022-09-30"));
}

#[test]
fn the_address_tells_a_day_first_date() {
    let page = headed_page("", "<p class=\"date\">03/10/2023</p>");
    let extract_at = |url: &str| {
        let mut doc = RawDocument::new(Origin::file("page.html"), Content::Html(page.clone()));
        doc.url = Some(url.to_string());
        day(&extract::extract(&doc).0)
    };
    // Filed under October 3: the page writes the day first.
    let filed = extract_at("https://news.example/blog/2023/oct/03/council-vote");
    assert_eq!(filed.as_deref(), Some("2023-10-03"));
    // With no date in the address the US order stands.
    assert_eq!(extract_at("https://news.example/council-vote").as_deref(), Some("2023-03-10"));
}

#[test]
fn author_from_a_link_to_the_author_page() {
    let page = |link: &str| {
        headed_page("", &format!("<div class=\"meta\"><span>Story: {link}</span></div>"))
    };
    let linked = page("<a href=\"https://news.example/authors/jane-doe/\">Jane Doe</a>");
    assert_eq!(extract_page(&linked).author.as_deref(), Some("Jane Doe"));
    // The address must spell the name: "More from our team" is not an author.
    let other = page("<a href=\"/authors/jane-doe\">More From Our Team</a>");
    assert_eq!(extract_page(&other).author, None);
    let topic = page("<a href=\"/topics/jane-doe\">Jane Doe</a>");
    assert_eq!(extract_page(&topic).author, None);
}

#[test]
fn a_label_alone_takes_the_name_from_the_next_element() {
    let page = headed_page(
        "",
        "<div class=\"credit\"><h3>Written by</h3><p>Jane Doe</p>\
         <div><button>Share on Facebook</button><button>Copy the link</button></div></div>",
    );
    assert_eq!(extract_page(&page).author.as_deref(), Some("Jane Doe"));
}

#[test]
fn author_from_the_photo_in_an_author_box() {
    let page = |box_class: &str| {
        headed_page(
            "",
            &format!(
                "<div class=\"{box_class}\"><div class=\"avatar\"><img src=\"/a.jpg\" \
                 alt=\"Jane Doe\"></div></div>"
            ),
        )
    };
    assert_eq!(extract_page(&page("post-author")).author.as_deref(), Some("Jane Doe"));
    // A photo anywhere else names whoever is in it, not the writer.
    assert_eq!(extract_page(&page("gallery-item")).author, None);
}

/// A page with the given `<head>` and headline, and two paragraphs of text.
fn titled_page(head: &str, h1: &str) -> String {
    format!(
        "<html><head>{head}</head><body><article><h1>{h1}</h1>{}{}</article></body></html>",
        para("bridge"),
        para("library")
    )
}

fn title_of(head: &str, h1: &str) -> Option<String> {
    extract_page(&titled_page(head, h1)).title
}

#[test]
fn a_blog_name_in_the_heading_gives_way_to_the_headline() {
    // The `<title>` is the blog's name and the headline; the meta title says which is which.
    let head = "<title>Harbour Notes: Ferry timetable changes in spring</title>\
                <meta property=\"og:title\" content=\"Ferry timetable changes in spring\">";
    assert_eq!(
        title_of(head, "Harbour Notes").as_deref(),
        Some("Ferry timetable changes in spring")
    );
}

#[test]
fn a_word_of_a_long_title_is_not_the_headline() {
    // "Ferries" shares a word with the title but is a heading of the page, not its headline.
    let head = "<meta property=\"og:title\" content=\"How the harbour board chose new ferries, \
                berths and timetables for the coming decade\">";
    assert_eq!(
        title_of(head, "Ferries").as_deref(),
        Some(
            "How the harbour board chose new ferries, berths and timetables for the coming decade"
        )
    );
}

#[test]
fn page_furniture_in_the_heading_is_left_out() {
    let head = "<meta property=\"og:title\" content=\"Ferry timetable changes in spring\">";
    // A date, a section label, a source and a comment count around the headline.
    for h1 in [
        "Dec 18 2025 Ferry timetable changes in spring",
        "Blog: Ferry timetable changes in spring",
        "Ferry timetable changes in spring (harbour.example) 87",
    ] {
        assert_eq!(
            title_of(head, h1).as_deref(),
            Some("Ferry timetable changes in spring"),
            "{h1}"
        );
    }
    // Words and punctuation of the headline's own stay.
    let h1 = "2026 Ferry timetable changes in spring";
    assert_eq!(title_of(head, h1).as_deref(), Some(h1));
    let h1 = "Ferry timetable changes in spring?";
    assert_eq!(title_of(head, h1).as_deref(), Some(h1));
}

#[test]
fn a_heading_in_capitals_or_lower_case_takes_the_metadata_wording() {
    let head = "<meta property=\"og:title\" content=\"Ferry Timetables 2026: What Changes for \
                Commuters\">";
    let h1 = "FERRY TIMETABLES IN 2026: WHAT CHANGES FOR COMMUTERS";
    assert_eq!(
        title_of(head, h1).as_deref(),
        Some("Ferry Timetables 2026: What Changes for Commuters")
    );
    let head = "<title>History of the ferry | Routes, Boats, Timetables | Harbour Weekly</title>";
    assert_eq!(title_of(head, "history of the ferry").as_deref(), Some("History of the ferry"));
    // A heading in its own case keeps its wording.
    let h1 = "Ferry timetables in 2026: what changes for commuters";
    let head = "<meta property=\"og:title\" content=\"Ferry Timetables 2026: What Changes for \
                Commuters\">";
    assert_eq!(title_of(head, h1).as_deref(), Some(h1));
}

#[test]
fn a_pipe_before_a_subtitle_stays_when_the_headline_field_keeps_it() {
    let headline = "Ten ferries worth a trip in 2026 | The quiet routes that locals take";
    let head = format!(
        "<title>{headline} | Harbour Weekly</title><script type=\"application/ld+json\">\
         {{\"@type\": \"NewsArticle\", \"headline\": \"{headline}\"}}</script>"
    );
    assert_eq!(title_of(&head, headline).as_deref(), Some(headline));
    // A section name after the pipe is still dropped.
    let headline = "Ten ferries worth a trip in 2026 | Opinion";
    let head = format!(
        "<script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"headline\": \
         \"{headline}\"}}</script>"
    );
    assert_eq!(title_of(&head, headline).as_deref(), Some("Ten ferries worth a trip in 2026"));
}

#[test]
fn of_several_dates_by_the_headline_the_published_one_wins() {
    // Modified and published shown side by side; metadata says which is the publication.
    let meta = "<meta property=\"article:published_time\" content=\"2025-04-24T16:12:49Z\">";
    let page = headed_page(meta, "<p><span>May 21, 2025</span> <span>April 24, 2025</span></p>");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2025-04-24"));
    // Without metadata the first shown date stands.
    let page = headed_page("", "<p><span>May 21, 2025</span> <span>April 24, 2025</span></p>");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2025-05-21"));
}

#[test]
fn notes_after_a_spaced_hyphen_leave_the_date() {
    let meta = "<meta property=\"article:published_time\" content=\"2021-03-01T09:00:00Z\">";
    let page = headed_page(meta, "<p class=\"date\">March 4, 2021 - 6 min read</p>");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2021-03-04"));
    let page = headed_page(meta, "<p>Essay - Published: 2021.03.04 | Harbour</p>");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2021-03-04"));
}

#[test]
fn a_list_of_dates_before_the_headline_is_not_its_date() {
    let meta = "<meta property=\"article:published_time\" content=\"2021-03-01T09:00:00Z\">";
    let page = |before: &str| {
        format!(
            "<html><head>{meta}</head><body>{before}<article><h1>Council delays vote on \
             bridge</h1><p><time>03/04/2021</time></p>{}{}</article></body></html>",
            para("bridge"),
            para("library")
        )
    };
    // Upcoming events in the sidebar, just before the headline.
    let events = "<ul class=\"events\"><li>May 2, 2021</li><li>May 9, 2021</li>\
                  <li>May 16, 2021</li></ul>";
    assert_eq!(day(&extract_page(&page(events))).as_deref(), Some("2021-03-04"));
    // One date over the headline is the article's.
    let page = headed_page(meta, "").replace("<h1>", "<p>March 5, 2021</p><h1>");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2021-03-05"));
}

#[test]
fn a_standfirst_shown_twice_is_one() {
    // The same standfirst for wide and narrow screens, then the date.
    let standfirst = "<p class=\"dek\">What the council decided about the old bridge, what it \
                      costs, and what happens next for the people who cross it every day.</p>";
    let meta = "<meta property=\"article:published_time\" content=\"2021-03-01T09:00:00Z\">";
    let page = headed_page(meta, &format!("{standfirst}{standfirst}<p>March 4, 2021</p>"));
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2021-03-04"));
}

#[test]
fn a_heading_after_paragraphs_is_not_the_headline() {
    // The headline is an `<h2>`; the `<h1>` heads a section further down.
    let html = format!(
        "<html><head><meta property=\"og:title\" content=\"What do riders like about the \
         ferry?\"></head><body><article><h2>What do riders like about the ferry?</h2>{}{}\
         <h1>But what they love is the view of the harbour at dawn</h1>{}</article></body>\
         </html>",
        para("bridge"),
        para("library"),
        para("market")
    );
    assert_eq!(extract_page(&html).title.as_deref(), Some("What do riders like about the ferry?"));
    // At the top of the article, the same heading is the headline, even after a menu whose
    // entries have long blurbs.
    let head = "<meta property=\"og:title\" content=\"What do riders like about the ferry?\">";
    let h1 = "But what they love is the view of the harbour at dawn";
    assert_eq!(title_of(head, h1).as_deref(), Some(h1));
    let menu =
        format!("<nav><div class=\"menu\">{}{}</div></nav><article>", para("ferry"), para("pier"));
    let page = titled_page(head, h1).replacen("<article>", &menu, 1);
    assert_eq!(extract_page(&page).title.as_deref(), Some(h1));
}

#[test]
fn a_heading_that_lost_characters_takes_the_metadata_title() {
    let head = "<meta property=\"og:title\" content=\"A Beginner's Guide to Ferries\">";
    assert_eq!(
        title_of(head, "A Beginner? Guide to Ferries").as_deref(),
        Some("A Beginner's Guide to Ferries")
    );
}

#[test]
fn an_update_label_holds_across_punctuation() {
    let meta = "<meta property=\"article:published_time\" content=\"2021-03-01T09:00:00Z\">";
    let page =
        headed_page(meta, "<p><span>Updated</span><span>:</span> <time>March 4, 2021</time></p>");
    assert_eq!(day(&extract_page(&page)).as_deref(), Some("2021-03-01"));
}

#[test]
fn quoted_metadata_authors_lose_their_quotes() {
    let html =
        titled_page("<meta name=\"author\" content=\"&quot;Marta Kowalczyk&quot;\">", "Vote");
    assert_eq!(extract_page(&html).author.as_deref(), Some("Marta Kowalczyk"));
}
