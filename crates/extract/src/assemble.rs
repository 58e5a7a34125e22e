//! From blocks to an [`Article`]: runs the typed detectors (byline, teaser, author bio,
//! boilerplate), picks the article region, then fills the news fields from the blocks and from
//! the metadata hints an HTML page supplied.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;

use crate::article::{
    Article, Attribution, AttributionKind, Author, Dateline, PageFormat, RemovedBlock, RemovedKind,
    Source, Timestamp,
};
use crate::blocks::{Block, BlockTag};
use crate::boilerplate;
use crate::byline::{self, Byline};
use crate::casing;
use crate::contents;
use crate::features::{self, Features};
use crate::model::RegionModel;
use crate::region::{self, Prior};
use crate::timestamp::{self, DayOrder};
use crate::title::TitleFeatures;

/// Metadata found outside the visible blocks (HTML head, JSON-LD, URL).
#[derive(Debug, Default, Clone)]
pub(crate) struct Hints {
    /// Headline from metadata.
    pub title: Option<String>,
    /// Standfirst from markup.
    pub lead: Option<String>,
    /// Authors from metadata.
    pub authors: Vec<Author>,
    /// Agencies named as authors in metadata.
    pub agencies: Vec<String>,
    /// Publication time from metadata.
    pub published: Option<Timestamp>,
    /// Modification time from metadata.
    pub updated: Option<Timestamp>,
    /// Site name.
    pub site: Option<String>,
    /// Page URL.
    pub url: Option<String>,
    /// Canonical URL.
    pub canonical_url: Option<String>,
    /// Declared language.
    pub language: Option<String>,
}

#[derive(Debug, Clone)]
enum Label {
    Unknown,
    Removed {
        kind: RemovedKind,
        /// Whether the article cannot continue past this block.
        ends: bool,
    },
    Byline(Box<Byline>),
}

/// Why one block ended up where it did: for `newsdb extract --explain` and tuning.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BlockTrace {
    /// The block's text.
    pub text: String,
    /// Its region score (`null` in JSON for a barrier).
    pub score: Option<f32>,
    /// Whether it is in the chosen article region.
    pub in_region: bool,
    /// The kind it was removed as, or `None` when it is body text.
    pub removed: Option<RemovedKind>,
    /// The model's probability that the block is article text.
    pub probability: f32,
    /// The block's features (for training the region model).
    #[serde(skip)]
    pub features: Features,
    /// Its features as a headline candidate of a text dump, when it was one (for training the
    /// title model).
    #[serde(skip)]
    pub title_features: Option<crate::title::TitleFeatures>,
}

/// Whether [`assemble`] records a [`BlockTrace`] of every block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trace {
    /// Record the trace (for `--explain` and training).
    Keep,
    /// Return an empty trace: plain extraction copies no block text for it.
    Skip,
}

/// Builds the article from page blocks and metadata hints, with a trace of every block when
/// `keep` asks for one.
pub(crate) fn assemble(
    mut blocks: Vec<Block>,
    format: PageFormat,
    hints: Hints,
    fallback_anchor: Option<jiff::civil::Date>,
    model: &RegionModel,
    keep: Trace,
) -> (Article, Vec<BlockTrace>) {
    let mut labels: Vec<Label> = blocks.iter().map(first_label).collect();
    mark_author_bios(&blocks, &mut labels);
    mark_split_bylines(&blocks, &mut labels);
    mark_teasers(&blocks, &mut labels);
    mark_inline_list_headings(&blocks, &mut labels);
    mark_inner_footers(&blocks, &mut labels);
    mark_contents(&blocks, &mut labels);

    let priors: Vec<Prior> = labels.iter().map(prior).collect();
    let features = features::compute(&blocks, &priors, format);
    let probabilities: Vec<f32> = features
        .iter()
        .map(|x| model.probability(format, x))
        .collect();
    let scores: Vec<f32> = blocks
        .iter()
        .zip(&priors)
        .zip(&probabilities)
        .map(|((b, p), q)| region::value(b, *p, *q, format))
        .collect();
    let mut region = region::best_run(&scores).unwrap_or(0..0);
    let comments = labels.iter().position(|l| {
        matches!(
            l,
            Label::Removed {
                kind: RemovedKind::Comments,
                ends: true
            }
        )
    });
    if let Some(heading) = comments {
        region = region::above_comments(&scores, region, heading);
    }

    let mut article = Article {
        format,
        url: hints.url.clone(),
        canonical_url: hints.canonical_url.clone(),
        ..Article::default()
    };

    // Title: metadata first, else the nearest headline-like block above the region.
    // The headline may sit at the top of the region (short lines score as subheadings): look
    // up to the first prose block, and start the body after the headline.
    let first_prose = (region.start..region.end)
        .find(|&i| blocks[i].is_prose())
        .unwrap_or(region.start);
    let (title_index, title_candidates) = find_title(
        &blocks,
        &labels,
        first_prose..region.end,
        hints.title.as_deref(),
        &model.title,
    );
    if let Some(t) = title_index {
        if region.contains(&t) {
            region.start = t + 1;
        }
    }
    mark_name_lines(&blocks, &mut labels, title_index, first_prose);
    // A metadata title lost one site-name part already; "Headline | Section | Site" loses
    // the second here.
    article.title = hints
        .title
        .as_deref()
        .or_else(|| title_index.map(|i| undouble(&blocks[i].text)))
        .map(|t| crate::title::strip_site(t, hints.site.as_deref()));

    // Lead: markup first, else an unlabelled prose block between title and region, else a
    // standfirst that opens the region and summarises what follows.
    let mut lead_index = None;
    if hints.lead.is_none() {
        let from = title_index.map_or(region.start, |t| t + 1);
        lead_index = (from..region.start).find(|&i| {
            matches!(labels[i], Label::Unknown) && blocks[i].is_prose() && blocks[i].words <= 90
        });
        if lead_index.is_none() && format == PageFormat::Text {
            lead_index = standfirst(&blocks, &labels, region.clone(), title_index);
        }
    }
    article.lead = hints
        .lead
        .clone()
        .or_else(|| lead_index.map(|i| blocks[i].text.clone()));

    // Body and removed blocks, in page order.
    let mut paragraphs: Vec<&str> = Vec::new();
    let mut bylines: Vec<Byline> = Vec::new();
    let mut byline_blocks: Vec<usize> = Vec::new();
    let mut bio_authors: Vec<String> = Vec::new();
    let mut after_kind: Option<RemovedKind> = None;
    let mut trace: Vec<BlockTrace> = Vec::new();
    // The removed blocks' indexes, kinds and whether they follow removed blocks: their texts
    // move into the article once nothing reads the blocks any more (no copy of each).
    let mut removed: Vec<(usize, RemovedKind, bool)> = Vec::new();
    if keep == Trace::Keep {
        trace.reserve_exact(blocks.len());
    }
    let site_from_text = site_line(&blocks, title_index);
    let mut previous_removed = false;
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for (i, block) in blocks.iter().enumerate() {
        let kind = if Some(i) == title_index {
            Some(RemovedKind::Title)
        } else if Some(i) == lead_index {
            Some(RemovedKind::Lead)
        } else {
            match &labels[i] {
                Label::Byline(b) => {
                    bylines.push((**b).clone());
                    byline_blocks.push(i);
                    Some(RemovedKind::Byline)
                }
                Label::Removed { kind: k, .. } => {
                    if *k == RemovedKind::AuthorBio
                        && block.words <= 5
                        && byline::looks_like_person(&block.text)
                    {
                        bio_authors.push(block.text.clone());
                    }
                    Some(*k)
                }
                Label::Unknown if region.contains(&i) => {
                    repeats(block, &mut seen).then_some(RemovedKind::Other)
                }
                Label::Unknown => Some(outside_kind(
                    block,
                    i,
                    &region,
                    title_index,
                    after_kind,
                    site_from_text == Some(i),
                )),
            }
        };
        if keep == Trace::Keep {
            trace.push(BlockTrace {
                text: block.text.clone(),
                score: scores.get(i).copied().filter(|s| s.is_finite()),
                in_region: region.contains(&i),
                removed: kind,
                probability: probabilities[i],
                features: features[i],
                title_features: title_candidates
                    .iter()
                    .find(|(c, _)| *c == i)
                    .map(|(_, x)| *x),
            });
        }
        match kind {
            None => paragraphs.push(&block.text),
            Some(k) => {
                if i >= region.end && boilerplate::is_barrier(k) {
                    after_kind = Some(k);
                }
                removed.push((i, k, previous_removed));
            }
        }
        previous_removed = kind.is_some();
    }
    article.body = paragraphs.join("\n\n");
    // A headline a style sheet set in capitals: a dump shows it shouted, the page's text not.
    if format == PageFormat::Text && hints.title.is_none() {
        if let Some(title) = article.title.as_deref().filter(|t| casing::is_shouted(t)) {
            article.title = Some(casing::unshout_title(title, &article.body));
        }
    }

    // Authors, agency, dates: metadata first, then the visible byline, then an author bio.
    let mut agencies: Vec<String> = hints.agencies.clone();
    for b in &bylines {
        for a in &b.agencies {
            if !agencies.iter().any(|x| x == a) {
                agencies.push((*a).to_owned());
            }
        }
    }
    let owner = site_owner(&blocks, &labels, title_index);
    article.authors = choose_authors(&hints, &labels, title_index, &region, &bio_authors, owner);
    // Date lines next to the headline that were not taken for bylines (too long, or read as
    // prose: "Posted on May 2, 2024 by Jane Doe - 5 Comments on …") still date the article.
    // The headline block anchors the dates; a metadata title that was not taken from the blocks
    // may still be printed among them.
    let headline = title_index.or_else(|| {
        let title = normalise(hints.title.as_deref()?);
        blocks
            .iter()
            .position(|b| b.words <= 40 && normalise(&b.text) == title)
    });
    let mut page_order: Option<Option<DayOrder>> = None;
    if let Some(t) = headline {
        let from = t.saturating_sub(DATE_LINE_ABOVE);
        let near = blocks
            .iter()
            .zip(&labels)
            .enumerate()
            .skip(from)
            .take(t + DATE_LINE_BELOW + 1 - from);
        for (i, (block, label)) in near {
            if i == t || matches!(label, Label::Byline(_)) {
                continue;
            }
            let found = byline::date_line(&block.text).or_else(|| {
                // "03/04/2025" near the headline: the page's other dates tell the order. The
                // whole-page scan runs only for a short line with a numeric date.
                if block.words > 12
                    || !block.text.contains('/') && !block.text.contains('.')
                    || timestamp::parse_in_order(&block.text, Source::Byline, DayOrder::DayFirst)
                        .is_none()
                {
                    return None;
                }
                let order = *page_order.get_or_insert_with(|| day_order_of(&blocks));
                byline::ordered_date_line(&block.text, order?)
            });
            if let Some(b) = found {
                bylines.push(b);
                byline_blocks.push(i);
            }
        }
    }
    let shown = shown_dates(&bylines, &byline_blocks, headline);
    article.published = hints.published.clone();
    article.updated = hints.updated.clone();
    if let Some(visible) = overrides_metadata(&hints, &shown) {
        article.published = Some(visible);
    }
    article.published = article.published.take().or(shown.published);
    article.updated = article.updated.take().or(shown.updated);

    for a in &agencies {
        article.attributions.push(Attribution {
            name: a.clone(),
            kind: AttributionKind::BylineAgency,
        });
    }
    for a in byline::attributions_in_text(&article.body) {
        if a.kind == AttributionKind::BylineAgency && !agencies.contains(&a.name) {
            agencies.push(a.name.clone());
        }
        if !article.attributions.iter().any(|x| x.name == a.name) {
            article.attributions.push(a);
        }
    }
    for &(i, kind, _) in &removed {
        if kind == RemovedKind::Attribution {
            if let Some(name) = credited_source(&blocks[i].text) {
                let kind = AttributionKind::OriginalSource;
                if !article.attributions.iter().any(|x| x.name == name) {
                    article.attributions.push(Attribution { name, kind });
                }
            }
        }
    }
    article.agency = agencies.first().cloned();

    let anchor = article
        .published
        .as_ref()
        .or(article.updated.as_ref())
        .and_then(Timestamp::day)
        .or(fallback_anchor);
    article.dateline = paragraphs.first().and_then(|p| dateline(p, anchor));
    article.site = hints
        .site
        .clone()
        .or_else(|| site_from_text.map(|i| blocks[i].text.trim().to_lowercase()));
    article.syndicated = article.agency.is_some()
        || article
            .attributions
            .iter()
            .any(|a| a.kind == AttributionKind::OriginalSource)
        || removed.iter().any(|&(i, kind, _)| {
            kind == RemovedKind::Disclaimer && {
                let t = blocks[i].text.to_lowercase();
                t.contains("agency feed") || t.contains("syndicated") || t.contains("wire")
            }
        });
    article.language = hints
        .language
        .clone()
        .or_else(|| crate::language::detect(&article.body));
    article.removed = removed
        .into_iter()
        .map(|(i, kind, follows_removed)| RemovedBlock {
            kind,
            text: blocks
                .get_mut(i)
                .map(|b| std::mem::take(&mut b.text))
                .unwrap_or_default(),
            follows_removed,
        })
        .collect();
    (article, trace)
}

/// The day order most of the page's unambiguous dates show; `None` on a tie or without any.
fn day_order_of(blocks: &[Block]) -> Option<DayOrder> {
    let (mut month_first, mut day_first) = (0usize, 0usize);
    for b in blocks {
        match timestamp::day_order(&b.text) {
            Some(DayOrder::MonthFirst) => month_first += 1,
            Some(DayOrder::DayFirst) => day_first += 1,
            None => {}
        }
    }
    match month_first.cmp(&day_first) {
        std::cmp::Ordering::Greater => Some(DayOrder::MonthFirst),
        std::cmp::Ordering::Less => Some(DayOrder::DayFirst),
        std::cmp::Ordering::Equal => None,
    }
}

/// How many blocks above the headline an unlabelled date line may sit.
const DATE_LINE_ABOVE: usize = 2;
/// How many blocks below the headline an unlabelled date line may sit.
const DATE_LINE_BELOW: usize = 4;

/// How far a dated byline may sit from the nearest one and still count as the same header.
const BYLINE_DATE_SPAN: usize = 4;

/// The published and updated dates the visible bylines show. The dated byline nearest the
/// headline wins (one above it counts double the distance): a header's "today", comment dates
/// and related stories' dates sit farther away. Other dated bylines close to that one fill in
/// what it lacks. Without a headline, page order decides.
fn shown_dates(bylines: &[Byline], blocks: &[usize], title: Option<usize>) -> ShownDates {
    let mut dated: Vec<(usize, &Byline)> = bylines
        .iter()
        .zip(blocks)
        .filter(|(b, _)| b.published.is_some() || b.updated.is_some())
        .map(|(b, &i)| {
            let distance = match title {
                Some(t) if i > t => i - t,
                Some(t) => 2 * (t - i) + 1,
                None => i,
            };
            (distance, b)
        })
        .collect();
    dated.sort_by_key(|(d, _)| *d);
    let Some(&(nearest, _)) = dated.first() else {
        return ShownDates::default();
    };
    let close = || {
        dated
            .iter()
            .take_while(move |(d, _)| *d <= nearest + BYLINE_DATE_SPAN)
    };
    ShownDates {
        published: close().find_map(|(_, b)| b.published.clone()),
        updated: close().find_map(|(_, b)| b.updated.clone()),
        distance: title.map(|_| nearest),
    }
}

/// What the visible bylines near the headline show.
#[derive(Debug, Default)]
struct ShownDates {
    published: Option<Timestamp>,
    updated: Option<Timestamp>,
    /// How far the nearest dated byline is from the headline (`None` without a headline).
    distance: Option<usize>,
}

/// How near the headline a visible date must be to overrule the metadata.
const OVERRULING_DISTANCE: usize = 5;

/// A date printed right under the headline that is neither the metadata's publication nor its
/// modification day: the metadata then describes something else (a page template, a related
/// item, a re-import), and the page's own date wins.
fn overrides_metadata(hints: &Hints, shown: &ShownDates) -> Option<Timestamp> {
    if shown.distance? > OVERRULING_DISTANCE {
        return None;
    }
    let published = hints.published.as_ref()?;
    // A `<time>` element or the URL is on the page itself: only head metadata is overruled.
    if !matches!(published.source, Source::Jsonld | Source::Meta) {
        return None;
    }
    let meta_published = published.day()?;
    let meta_updated = hints.updated.as_ref().and_then(Timestamp::day);
    let visible = shown.published.as_ref()?;
    let day = visible.day()?;
    // A day apart is the same moment seen from another time zone.
    let apart = |other: jiff::civil::Date| (day - other).get_days().abs() > 1;
    (apart(meta_published) && meta_updated.is_none_or(apart)).then(|| visible.clone())
}

/// The article's authors: structured metadata first; then the visible byline nearest the
/// headline (author markup only wins over a byline far from the headline); then an author bio;
/// then the person whose site it is.
fn choose_authors(
    hints: &Hints,
    labels: &[Label],
    title: Option<usize>,
    region: &std::ops::Range<usize>,
    bio_authors: &[String],
    owner: Option<String>,
) -> Vec<Author> {
    let from_markup = hints.authors.iter().all(|a| a.source == Source::Text);
    if !hints.authors.is_empty() && !from_markup {
        return hints.authors.clone();
    }
    // Related stories, comments and author lists carry bylines too: take the one nearest the
    // headline, preferring those below it.
    let anchor = title.unwrap_or(region.start);
    let distance = |i: usize| {
        if i >= anchor {
            i - anchor
        } else {
            (anchor - i) * 2
        }
    };
    let nearest = labels
        .iter()
        .enumerate()
        .filter_map(|(i, l)| match l {
            Label::Byline(b) if !b.authors.is_empty() => Some((i, b)),
            _ => None,
        })
        .min_by_key(|(i, _)| distance(*i));
    match nearest {
        Some((i, b)) if hints.authors.is_empty() || distance(i) <= 12 => b
            .authors
            .iter()
            .map(|n| Author {
                name: n.clone(),
                source: Source::Byline,
            })
            .collect(),
        _ if !hints.authors.is_empty() => hints.authors.clone(),
        _ if !bio_authors.is_empty() => bio_authors
            .iter()
            .map(|n| Author {
                name: n.clone(),
                source: Source::AuthorBio,
            })
            .collect(),
        _ => owner
            .map(|name| Author {
                name,
                source: Source::Text,
            })
            .into_iter()
            .collect(),
    }
}

/// The person a personal site is named for, printed over the headline as the page's first
/// line ("Jane Doe" / "Notes on …"): the author of a page that credits no one else.
fn site_owner(blocks: &[Block], labels: &[Label], title: Option<usize>) -> Option<String> {
    let first = blocks.first()?;
    if title.is_none_or(|t| t == 0)
        || !(2..=3).contains(&first.words)
        || !matches!(labels.first(), Some(Label::Unknown))
    {
        return None;
    }
    byline::uncredited_person(first.text.trim())
}

fn first_label(block: &Block) -> Label {
    if let Some(kind) = boilerplate::detect(&block.text, block.words) {
        let ends = boilerplate::ends_article(kind, &block.text);
        return Label::Removed { kind, ends };
    }
    if block.words <= 30
        && (!block.is_prose()
            || block
                .text
                .get(..3)
                .is_some_and(|p| p.eq_ignore_ascii_case("by ")))
    {
        // `block.words` counts the text's words as `parse` would.
        if let Some(b) = byline::parse_short(&block.text) {
            return Label::Byline(Box::new(b));
        }
    }
    // Markup hints never end the article: pages put related boxes and share rows mid-story.
    if let Some(kind) = block.hint {
        return Label::Removed { kind, ends: false };
    }
    Label::Unknown
}

fn prior(label: &Label) -> Prior {
    match label {
        Label::Unknown => Prior::Unknown,
        Label::Byline(_) => Prior::Byline,
        Label::Removed { ends: true, .. } => Prior::Barrier,
        Label::Removed {
            kind: RemovedKind::Caption,
            ..
        } => Prior::Caption,
        Label::Removed { .. } => Prior::Soft,
    }
}

static BIO_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(is|was)\s+(a|an|the)(?-u:\b)|(?-u:\b)has\s+(been|spent|written|covered|worked)(?-u:\b)|(?-u:\b)writes(?-u:\b)|(?-u:\b)covers(?-u:\b)|(?-u:\b)(journalist|reporter|correspondent|editor|writer|columnist|author)(?-u:\b)")
        .expect("static regex")
});

static PERSONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)(?-u:\b)").expect("static regex")
});
static PROFESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(journalist|reporter|correspondent|editor|writer|columnist|author|contributor|blogger|freelancer)s?(?-u:\b)")
        .expect("static regex")
});

/// A person's name on its own line followed by a paragraph about that person ("Marcus Collins"
/// / "Marcus Collins is a … journalist …"), or an "About the author" heading and its paragraph.
fn mark_author_bios(blocks: &[Block], labels: &mut [Label]) {
    for i in 0..blocks.len().saturating_sub(1) {
        let (name, next) = (&blocks[i], &blocks[i + 1]);
        let about = matches!(
            labels[i],
            Label::Removed {
                kind: RemovedKind::AuthorBio,
                ..
            }
        );
        // The cheap tests of the next block run before the name test.
        if !matches!(labels[i + 1], Label::Unknown) || !next.is_prose() {
            continue;
        }
        let name_line = matches!(labels[i], Label::Unknown)
            && (2..=4).contains(&name.words)
            && byline::looks_like_person(&name.text);
        if !(about || name_line) {
            continue;
        }
        let opening: Vec<&str> = next.text.split_whitespace().take(6).collect();
        let names_subject = about
            || name.text.split_whitespace().any(|w| {
                opening
                    .iter()
                    .any(|o| o.trim_matches(|c: char| !c.is_alphanumeric()) == w)
            });
        // The regexes read the whole paragraph: they run only once the cheap test passes.
        let about_a_person = || PERSONAL.is_match(&next.text) || PROFESSION.is_match(&next.text);
        // The entity tagger is the costly test: it runs last.
        if names_subject
            && about_a_person()
            && BIO_WORDS.is_match(&next.text)
            && (about || byline::is_person_name(&name.text))
        {
            labels[i] = Label::Removed {
                kind: RemovedKind::AuthorBio,
                ends: true,
            };
            labels[i + 1] = Label::Removed {
                kind: RemovedKind::AuthorBio,
                ends: true,
            };
        }
    }
}

/// "By" alone on a line, names on the next: the two lines make one byline.
fn mark_split_bylines(blocks: &[Block], labels: &mut [Label]) {
    for i in 0..blocks.len().saturating_sub(1) {
        if !byline::is_bare_label(&blocks[i].text) || blocks[i + 1].words > 8 {
            continue;
        }
        let names = without_role(without_credentials(&blocks[i + 1].text));
        if let Some(b) = byline::parse(&format!("By {names}")) {
            labels[i] = Label::Byline(Box::default());
            labels[i + 1] = Label::Byline(Box::new(b));
        }
    }
}

/// A person's name on its own line next to the date line near the headline ("Jane Doe" /
/// "September 4, 2025", above or below it), or directly under the headline, is the byline. A
/// name line the navigation detector took for a menu item counts too: dumps put the author's
/// name and the date among the short lines at the top. A name over a job title line ("Jane Doe"
/// / "Senior Data Analyst", an author card) counts as well. The lines just above the first prose
/// block are searched as well, so a headline chosen wrongly does not hide the byline. A name
/// followed by credentials ("Jane Doe, MS, RD") or a job title ("Jane Doe, Senior Editor")
/// counts as the name, a line of bullets between name and date is skipped, and a date line
/// that opens with a name and no "By" ("Jane Doe May 2, 2025") credits that name.
fn mark_name_lines(
    blocks: &[Block],
    labels: &mut [Label],
    title: Option<usize>,
    first_prose: usize,
) {
    let dated: Vec<bool> = labels
        .iter()
        .map(|l| matches!(l, Label::Byline(b) if b.published.is_some() || b.updated.is_some()))
        .collect();
    let dated = |i: usize| dated.get(i).copied().unwrap_or(false);
    let near_title = title.map_or(0..0, |t| t.saturating_sub(4)..(t + 5).min(blocks.len()));
    let above_prose = first_prose.saturating_sub(8)..first_prose.min(blocks.len());
    // A block in both windows is looked at twice to the same effect: once named, it is no
    // longer free.
    for i in near_title.chain(above_prose) {
        if Some(i) == title {
            continue;
        }
        let b = &blocks[i];
        // "Tom Tall October 14, 2025": a dated line that opens with a name and no "By".
        if let Label::Byline(found) = &mut labels[i] {
            let dated_only = found.authors.is_empty()
                && found.agencies.is_empty()
                && (found.published.is_some() || found.updated.is_some());
            if !dated_only {
                continue;
            }
            let before = name_before_date(&b.text)
                .filter(|name| byline::looks_like_person(name) && byline::is_person_name(name))
                .map(str::to_owned);
            let found_name = before
                .or_else(|| name_beside_date(&b.text))
                .or_else(|| name_after_date(&b.text));
            if let Some(name) = found_name {
                found.authors.push(name);
            }
            continue;
        }
        let free = matches!(
            labels[i],
            Label::Unknown
                | Label::Removed {
                    kind: RemovedKind::Navigation,
                    ..
                }
        );
        if !free {
            continue;
        }
        let name = without_role(without_credentials(&b.text));
        let words = name.split_whitespace().count();
        if !(2..=4).contains(&words) {
            // "Jane Doe, John Roe and Ann Poe" near the headline: a list of people.
            if let Some(list) = names_list(without_role(&b.text)) {
                labels[i] = Label::Byline(Box::new(list));
            }
            continue;
        }
        // "Jane Doe" / "•" / "Friday, December 19, 2025": a line of bullets between the
        // name and the date is skipped.
        let separator = |k: usize| blocks.get(k).is_some_and(|b| is_separator_line(&b.text));
        let below = if separator(i + 1) { i + 2 } else { i + 1 };
        let above = i.checked_sub(if i > 0 && separator(i - 1) { 2 } else { 1 });
        let near_date = dated(below) || above.is_some_and(dated);
        // Under the headline, or under the standfirst that follows it.
        let under_title = title.is_some_and(|t| {
            i == t + 1 || i == t + 2 && blocks.get(t + 1).is_some_and(Block::is_prose)
        });
        // "Jane Doe" / "Marketing Operations Analyst": an author card's job title line.
        let role_below = blocks.get(i + 1).is_some_and(|b| is_role_line(&b.text));
        if (near_date || under_title || role_below)
            && byline::looks_like_person(name)
            && byline::is_person_name(name)
        {
            let names = Byline {
                authors: vec![byline::unshout(name)],
                ..Byline::default()
            };
            labels[i] = Label::Byline(Box::new(names));
        }
    }
}

/// Whether a line credits people: a person's name with a job title ("Jane Doe | Staff
/// Writer"), or a list of people's names, with or without one.
fn credits_people(line: &str) -> bool {
    let names = without_role(line);
    (names.len() < line.len() && byline::looks_like_person(names)) || names_list(names).is_some()
}

/// A line of two or more people's names and nothing else ("Jane Doe, John Roe and Ann Poe"), as
/// a byline; every name must read as a person's to the tagger.
fn names_list(line: &str) -> Option<Byline> {
    if line.split_whitespace().nth(24).is_some()
        || !line.contains([',', ';', '&']) && !line.contains(" and ")
    {
        return None;
    }
    // Every word must be capitalised or join names (a cheap test: headline candidates come
    // here, and most hold lower-case words), and every part look like a name, before the
    // parser and the tagger see the line.
    let joins = |w: &str| matches!(w, "and" | "&") || byline::is_capitalised_name_word(w);
    if !line.split_whitespace().all(joins) {
        return None;
    }
    let parts: Vec<&str> = line
        .split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 || !parts.iter().all(|p| byline::looks_like_person(p)) {
        return None;
    }
    let list = byline::parse(&format!("By {line}"))?;
    (list.authors.len() == parts.len()
        && list.agencies.is_empty()
        && list.published.is_none()
        && list.authors.iter().all(|n| byline::is_person_name(n)))
    .then_some(list)
}

/// A job title on a line of its own: up to eight words whose first comma part ends in a role
/// ("Senior Data Engineer", "Staff Writer, Travel Desk").
fn is_role_line(line: &str) -> bool {
    let line = line.trim();
    if line.split_whitespace().nth(8).is_some() || line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let head = line.split(',').next().unwrap_or_default();
    let words: Vec<&str> = head.split_whitespace().collect();
    is_job_title(&words, false)
}

/// Whether `words` are capitalised and end in a job title ("Senior Data Analyst"); with
/// `plural`, a plural title counts too ("Senior Editors").
fn is_job_title(words: &[&str], plural: bool) -> bool {
    words.iter().all(|w| w.starts_with(char::is_uppercase))
        && words.last().is_some_and(|w| {
            let w = w.to_lowercase();
            let singular = if plural { w.strip_suffix('s') } else { None };
            byline::is_role(&w) || singular.is_some_and(byline::is_role)
        })
}

/// "Jane Doe, MS, RD, FAND" or "Jane Doe CPP, PSP" → "Jane Doe": capitalised abbreviations
/// closing a line after at least two words are degrees and titles. Any other line as it is.
fn without_credentials(line: &str) -> &str {
    let line = line.trim();
    let credential = |w: &str| {
        let w = w.trim_end_matches(',');
        (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase() || c == '.')
    };
    let spans = word_spans(line);
    let words: Vec<&str> = spans.iter().map(|&(_, w)| w).collect();
    // Byte offset where each word ends.
    let ends: Vec<usize> = spans.iter().map(|&(at, w)| at + w.len()).collect();
    let first_credential = (2..words.len()).find(|&k| words[k..].iter().all(|w| credential(w)));
    match first_credential {
        Some(k) if line.contains(',') || k + 1 < words.len() => {
            line[..ends[k - 1]].trim_end_matches(',')
        }
        _ => line,
    }
}

/// The two to four words before the date of a line such as "Tom Tall October 14, 2025" or
/// "Ana Ruiz 12 May 2025" (the date opens with a month, a weekday or a digit).
fn name_before_date(line: &str) -> Option<&str> {
    let line = line.trim();
    let spans = word_spans(line);
    let (words, &(at, _)) = spans.iter().enumerate().find(|(_, (_, word))| {
        let bare = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        word.starts_with(|c: char| c.is_ascii_digit())
            || timestamp::is_month_word(&bare)
            || timestamp::is_weekday_word(&bare)
    })?;
    (2..=4).contains(&words).then(|| {
        line[..at]
            .trim_end_matches([' ', ',', '|', '-', '•'])
            .trim()
    })
}

/// The person named in a part of a dated line that holds no figures, the parts being split at
/// bullets, bars and dashes: "Dec 19, 2025 · Jane Doe", "Jane Doe•Oct 20, 2025", "May 2, 2025 ·
/// 6 min · Jane Doe in Travel". [`byline::person_name`] drops a label before the name and what
/// follows it ("in Travel", "on behalf of …", a job title), and the entity tagger must read the
/// rest as a person.
fn name_beside_date(line: &str) -> Option<String> {
    if line.split_whitespace().nth(16).is_some() {
        return None;
    }
    line.split(['|', '•', '·', '–', '—'])
        .flat_map(|part| part.split(" - "))
        .map(str::trim)
        .filter(|part| !part.is_empty() && !part.bytes().any(|b| b.is_ascii_digit()))
        .filter_map(byline::person_name)
        .find(|name| byline::is_person_name(name))
}

/// The person named after the year that ends a line's dates, glued to it or not: "Dec 17,
/// 2025Jane Doe", "May 4, 2021June 9, 2023 Jane Doe" (a blog theme printing both dates and the
/// author with no space). The tagger must read it as a person's name that opens with a given
/// name.
fn name_after_date(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    // The end of the last four-digit year ("19xx", "20xx") standing on its own on the left.
    let end = (4..=bytes.len()).rev().find(|&e| {
        let year = &bytes[e - 4..e];
        matches!(year, [b'1', b'9', ..] | [b'2', b'0', ..])
            && year.iter().all(u8::is_ascii_digit)
            && (e == 4 || !bytes[e - 5].is_ascii_digit())
            && bytes.get(e).is_none_or(|b| !b.is_ascii_digit())
    })?;
    let rest = line
        .get(end..)?
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    byline::uncredited_person(rest)
}

/// The whitespace-separated words of `line` with the byte offset where each starts.
fn word_spans(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(|c: char| !c.is_whitespace()) {
        let tail = &rest[at..];
        let len = tail.find(char::is_whitespace).unwrap_or(tail.len());
        out.push((line.len() - tail.len(), &tail[..len]));
        rest = &tail[len..];
    }
    out
}

/// "Mike Marsh, Shipping Expert", "Jane Doe | Senior Editor" or "Jane Doe and John Roe —
/// Guest Columnists" → the name or names: after a comma, bar, dash or bullet, one to three
/// capitalised words ending in a job title. Any other line as it is.
fn without_role(line: &str) -> &str {
    // Most lines do not end in a capitalised word: no need to look for a separator.
    let last = line.split_whitespace().next_back().unwrap_or_default();
    if !last.starts_with(char::is_uppercase) {
        return line;
    }
    let Some((name, role)) = line
        .split_once([',', '|', '–', '—', '·', '•'])
        .or_else(|| line.split_once(" - "))
    else {
        return line;
    };
    let words: Vec<&str> = role.split_whitespace().collect();
    if (1..=3).contains(&words.len()) && is_job_title(&words, true) {
        name.trim()
    } else {
        line
    }
}

/// A line of nothing but bullets, bars or dashes ("•", "|", "—").
fn is_separator_line(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line
            .chars()
            .all(|c| !c.is_alphanumeric() && !c.is_whitespace())
}

/// A line that says the same words twice ("Gym Tips Gym Tips": a headline and its hidden copy
/// copied together) said once; any other line as it is.
fn undouble(line: &str) -> &str {
    let words: Vec<&str> = line.split_whitespace().collect();
    let half = words.len() / 2;
    if half < 3 || !words.len().is_multiple_of(2) || words[..half] != words[half..] {
        return line;
    }
    // The first half ends where its last word ends.
    let mut end = 0;
    for w in &words[..half] {
        end = line[end..].find(w).map_or(end, |at| end + at + w.len());
    }
    &line[..end]
}

/// Fewest words of a paragraph whose second copy in the article is dropped.
const REPEATED_WORDS: usize = 20;

/// Whether a paragraph of the article repeats one before it (a page that renders its story
/// twice, for two layouts); records it otherwise. Short lines repeat legitimately.
fn repeats<'b>(block: &'b Block, seen: &mut FxHashSet<&'b str>) -> bool {
    block.words >= REPEATED_WORDS && !seen.insert(block.text.as_str())
}

/// A teaser cut off with "..." whose text opens a later block repeats that block: drop it.
fn mark_teasers(blocks: &[Block], labels: &mut [Label]) {
    for i in 0..blocks.len() {
        let t = blocks[i].text.trim_end();
        let Some(stem) = t.strip_suffix("...").or_else(|| t.strip_suffix('…')) else {
            continue;
        };
        let stem = stem.trim_end();
        if stem.chars().count() < 30 {
            continue;
        }
        if blocks[i + 1..].iter().any(|b| b.text.starts_with(stem)) {
            labels[i] = Label::Removed {
                kind: RemovedKind::Lead,
                ends: false,
            };
        }
    }
}

/// How many lead-in lines ending in a colon may sit between a heading and what it heads.
const INLINE_HEADING_LEAD_INS: usize = 1;

/// Fewest words of an unlinked list item that reads as the article's own list, not a link list.
const INLINE_ITEM_WORDS: usize = 6;

/// Most link share a block under a heading may have and still read as the article's prose.
const INLINE_PROSE_LINKS: f32 = 0.4;

/// Least link share of a heading that is itself a link rather than a heading.
const LINKED_HEADING: f32 = 0.99;

/// Related-stories headings that the blocks around them show are no list heading stop ending
/// the article: one over unlinked prose heads a section of a listicle ("Popular Dishes:", "Top
/// Picks Overview"), and one that is wholly a link is a teaser's "Read more" or a tab, not a
/// heading, as is one over a box of links that the article's prose resumes under (both are
/// still removed).
fn mark_inline_list_headings(blocks: &[Block], labels: &mut [Label]) {
    for i in 0..blocks.len() {
        if !matches!(
            labels[i],
            Label::Removed {
                kind: RemovedKind::Related,
                ends: true
            }
        ) {
            continue;
        }
        if heads_prose(&blocks[i + 1..]) {
            labels[i] = Label::Unknown;
        } else if blocks[i].link_density >= LINKED_HEADING || prose_resumes(&blocks[i + 1..]) {
            labels[i] = Label::Removed {
                kind: RemovedKind::Related,
                ends: false,
            };
        }
    }
}

/// A copyright or policy line that the article's prose resumes under is a credit inside the
/// story ("… University of Sussex. All rights reserved."), removed but not ending it.
fn mark_inner_footers(blocks: &[Block], labels: &mut [Label]) {
    for (i, label) in labels.iter_mut().enumerate() {
        if let Label::Removed {
            kind: RemovedKind::Footer,
            ends,
        } = label
        {
            if *ends && prose_resumes(blocks.get(i + 1..).unwrap_or_default()) {
                *ends = false;
            }
        }
    }
}

/// Tables of contents (see [`contents`]) are navigation, unless another label claimed a block.
fn mark_contents(blocks: &[Block], labels: &mut [Label]) {
    for i in contents::blocks(blocks) {
        if matches!(labels[i], Label::Unknown) {
            labels[i] = Label::Removed {
                kind: RemovedKind::Navigation,
                ends: false,
            };
        }
    }
}

/// How many blocks under a related-stories heading a box of links may fill before the
/// article's text resumes.
const BOX_BLOCKS: usize = 8;

/// Fewest words of the paragraph that shows the article going on under a box.
const RESUMED_WORDS: usize = 40;

/// Whether the article's prose resumes right under a box of links: a long unlinked paragraph
/// within [`BOX_BLOCKS`] blocks. A list of other stories at the end of a page has footer links,
/// not paragraphs, under it; the heading then ends the article.
fn prose_resumes(below: &[Block]) -> bool {
    below
        .iter()
        .take(BOX_BLOCKS)
        .any(|b| b.words >= RESUMED_WORDS && b.is_prose() && b.link_density <= INLINE_PROSE_LINKS)
}

/// Whether the blocks below a heading open with the article's own text: unlinked prose, or an
/// unlinked list item of several words. Lists of other stories put links (headlines) under
/// their heading, not running text. A lead-in ending in a colon ("You may also like these:")
/// introduces what follows, so the block after it decides.
fn heads_prose(below: &[Block]) -> bool {
    let first = below
        .iter()
        .take(INLINE_HEADING_LEAD_INS + 1)
        .find(|b| !b.text.trim_end().ends_with(':'));
    first.is_some_and(|b| {
        b.link_density <= INLINE_PROSE_LINKS
            && b.hint.is_none()
            && (b.is_prose() || b.tag == BlockTag::ListItem && b.words >= INLINE_ITEM_WORDS)
    })
}

/// How many blocks past the first prose block a text dump's headline may sit.
const TITLE_REACH: usize = 15;

/// How many bylined headline-shaped lines above the candidate window may be candidates too.
const FAR_TITLES: usize = 8;

/// How many of the article's prose blocks may stand above a text dump's headline.
const SUBHEADING_PROSE: usize = 3;

/// The headline block: the one metadata names, else the title model's pick among the
/// headline-shaped lines around the article's first prose block (`article.start`) and the
/// [`FAR_TITLES`] nearest further up that have a byline under them. Also returns each
/// candidate's features, for the trace.
fn find_title(
    blocks: &[Block],
    labels: &[Label],
    article: std::ops::Range<usize>,
    meta: Option<&str>,
    weights: &[f32],
) -> (Option<usize>, Vec<(usize, TitleFeatures)>) {
    let start = article.start;
    if let Some(meta) = meta {
        // The headline block may open the region (HTML pages put the h1 in the article).
        let want = normalise(meta);
        let found = (0..(start + 3).min(blocks.len()))
            .rev()
            .find(|&i| normalise(&blocks[i].text) == want && !blocks[i].is_prose());
        return (found, Vec::new());
    }
    // Regions often open on promos and notices above the headline: candidates go a little way
    // into the region too, and the body starts after the one chosen.
    let lower = start.saturating_sub(40);
    let end = (start + TITLE_REACH)
        .min(article.end)
        .max(start)
        .min(blocks.len());
    let byline_after = |i: usize| {
        labels[i + 1..(i + 4).min(labels.len())]
            .iter()
            .any(|l| matches!(l, Label::Byline(_)))
    };
    // Further up, a headline-shaped line with a byline under it is a candidate too: dumps put
    // a box of picks, ratings or a table of contents between the headline and the first
    // paragraph the region starts at. The nearest few only: a list of bylined teasers must not
    // make every line of a huge page a candidate (each one's features read the whole page).
    let mut far: Vec<usize> = (0..lower)
        .rev()
        .filter(|&i| {
            matches!(labels[i], Label::Unknown)
                && crate::title::is_candidate(&blocks[i])
                && byline_after(i)
        })
        .take(FAR_TITLES)
        .collect();
    far.reverse();
    // A line that follows several of the article's paragraphs is one of its subheadings: the
    // headline comes before the text it heads (a promo or notice above it is one paragraph).
    let mut prose_above = 0;
    let near = (lower..end).filter(|&i| {
        let candidate = prose_above < SUBHEADING_PROSE
            && matches!(labels[i], Label::Unknown)
            && crate::title::is_candidate(&blocks[i]);
        prose_above += usize::from(i >= start && blocks[i].is_prose());
        candidate
    });
    let candidates: Vec<usize> = far.into_iter().chain(near).collect();
    let byline_before = |i: usize| {
        labels[i.saturating_sub(2)..i]
            .iter()
            .any(|l| matches!(l, Label::Byline(_)))
    };
    let evidence = crate::title::Evidence {
        blocks,
        candidates: &candidates,
        start,
        opening: start..start + 4,
        body: start..article.end.min(start + 40),
        byline_after: &byline_after,
        byline_before: &byline_before,
    };
    let features = crate::title::features(&evidence);
    // A line that credits people is a byline, never the headline: the best candidate that is
    // not one (tested on the winner only, as the test may run the entity tagger).
    let chosen = crate::title::choose(&candidates, &features, weights, |i| {
        !credits_people(&blocks[i].text)
    });
    (chosen, candidates.into_iter().zip(features).collect())
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A standfirst at the top of the region: a short summary whose content words mostly recur in
/// the next few paragraphs, with a body of several paragraphs after it.
fn standfirst(
    blocks: &[Block],
    labels: &[Label],
    region: std::ops::Range<usize>,
    title: Option<usize>,
) -> Option<usize> {
    let first = region.start;
    if title.is_none_or(|t| t + 1 != first)
        || region.len() < 5
        || !matches!(labels[first], Label::Unknown)
    {
        return None;
    }
    if blocks[first].words > 80 || dateline(&blocks[first].text, None).is_some() {
        return None;
    }
    let content = crate::title::content_words;
    let words = content(&blocks[first].text);
    if words.len() < 8 {
        return None;
    }
    let mut following = std::collections::HashSet::new();
    for b in &blocks[first + 1..(first + 4).min(region.end)] {
        following.extend(content(&b.text));
    }
    let shared = words.iter().filter(|w| following.contains(*w)).count();
    (shared as f32 / words.len() as f32 >= 0.6).then_some(first)
}

/// The kind of an unlabelled block outside the region.
fn outside_kind(
    block: &Block,
    i: usize,
    region: &std::ops::Range<usize>,
    title: Option<usize>,
    after_kind: Option<RemovedKind>,
    is_site: bool,
) -> RemovedKind {
    if let Some(k) = block.hint {
        return k;
    }
    if i < region.start {
        if is_site
            || title.is_some_and(|t| i < t)
                && (contains_domain(&block.text)
                    || block.words >= 4 && !block.is_prose() && i + 1 == title.unwrap_or(0))
        {
            return RemovedKind::SiteHeader;
        }
        if block.words <= 6 || block.link_density > 0.5 {
            return RemovedKind::Navigation;
        }
        return RemovedKind::Other;
    }
    match after_kind {
        Some(k @ (RemovedKind::Related | RemovedKind::Comments | RemovedKind::Footer)) => k,
        _ if block.link_density > 0.5 => RemovedKind::Related,
        _ => RemovedKind::Other,
    }
}

static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|news|co|in|uk|info|io|vn|kr|de|fr|au|ca|us|tv|me)(?-u:\b)")
        .expect("static regex")
});

fn contains_domain(text: &str) -> bool {
    // Every domain the regex takes holds a full stop: a byte search rules out most lines
    // before the regex reads them.
    text.as_bytes().contains(&b'.') && DOMAIN.is_match(text)
}

/// The first block of a text dump when it is a bare domain name ("example.com").
fn site_line(blocks: &[Block], title: Option<usize>) -> Option<usize> {
    let limit = title.unwrap_or(3).min(3);
    (0..limit.min(blocks.len())).find(|&i| {
        let t = blocks[i].text.trim();
        blocks[i].words == 1 && DOMAIN.find(t).is_some_and(|m| m.len() == t.len())
    })
}

/// "Original Source: vietnamnews.vn" → "vietnamnews.vn".
fn credited_source(text: &str) -> Option<String> {
    let (label, rest) = text.split_once(':')?;
    let label = label.trim().to_lowercase();
    if !["original source", "source", "sources", "courtesy"].contains(&label.as_str()) {
        return None;
    }
    let name = rest.trim().trim_end_matches('.').trim();
    (!name.is_empty() && name.split_whitespace().count() <= 8).then(|| name.to_owned())
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*
          (?P<place>[A-Z][\p{L}.'-]*(?:\s+[A-Z][\p{L}.'-]*){0,3})
          (?:\s*,\s*(?P<region>[A-Z][\p{L}.'-]*(?:\s+[A-Z][\p{L}.'-]*){0,2}))??
          \s*,\s*
          (?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?
             |\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{4})?)
          \s*(?:\((?P<agency>[^)]{1,40})\))?\s*[:\-–—]?\s+\S",
    )
    .expect("static regex")
});

static CAPS_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<place>[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3})(?:,\s*[A-Za-z.]+)?\s*(?:\((?P<agency>[^)]{1,40})\))?\s*[—–-]{1,2}\s+\S")
        .expect("static regex")
});

/// The dateline opening a body paragraph: "Seoul, Nov 3 …", "WASHINGTON (AP) — …".
pub(crate) fn dateline(paragraph: &str, anchor: Option<jiff::civil::Date>) -> Option<Dateline> {
    if let Some(c) = DATELINE.captures(paragraph) {
        let place = tidy_place(c.name("place")?.as_str());
        let date_text = c.name("date")?.as_str();
        let date = nlp_lite::tag_dates(date_text, anchor)
            .into_iter()
            .find(|t| t.anchored)
            .and_then(|t| t.day())
            .map(|d| d.to_string());
        return Some(Dateline { place, date });
    }
    let c = CAPS_DATELINE.captures(paragraph)?;
    let place = c.name("place")?.as_str();
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    Some(Dateline {
        place: tidy_place(place),
        date: None,
    })
}

/// "SEOUL" → "Seoul"; mixed-case places are kept as written.
fn tidy_place(place: &str) -> String {
    let place = place.trim();
    if place.chars().any(char::is_lowercase) {
        return place.to_owned();
    }
    place
        .split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The labels after the related-heading pass of blocks given as (text, tag, link share).
    fn list_heading_labels(page: &[(&str, BlockTag, f32)]) -> Vec<Label> {
        let blocks: Vec<Block> = page
            .iter()
            .map(|(text, tag, links)| {
                let mut b = Block::new((*text).to_owned(), *tag);
                b.link_density = *links;
                b
            })
            .collect();
        let mut labels: Vec<Label> = blocks.iter().map(first_label).collect();
        mark_inline_list_headings(&blocks, &mut labels);
        mark_inner_footers(&blocks, &mut labels);
        labels
    }

    #[test]
    fn a_credit_inside_the_story_does_not_end_it() {
        use BlockTag::Paragraph;
        let credit = "Example Museum. All rights reserved";
        let paragraph = "The exhibition brings together paintings from three private collections \
            that have not been shown together since the war, and the curators spent four years \
            tracing the owners of the smaller works, several of which had changed hands twice before the museum bought them.";
        let labels = list_heading_labels(&[(credit, Paragraph, 0.0), (paragraph, Paragraph, 0.0)]);
        assert_eq!(ends(&labels[0]), Some(false));
        let labels = list_heading_labels(&[(credit, Paragraph, 0.0), ("Contact", Paragraph, 1.0)]);
        assert_eq!(ends(&labels[0]), Some(true));
    }

    fn ends(label: &Label) -> Option<bool> {
        match label {
            Label::Removed { ends, .. } => Some(*ends),
            _ => None,
        }
    }

    #[test]
    fn related_headings_over_prose_are_subheadings() {
        use BlockTag::{Heading, ListItem, Paragraph};
        let prose =
            "Offer a variety of pastas with different sauces, so that every guest finds one.";
        // A listicle's section heading over its own paragraph stays in the article.
        let labels = list_heading_labels(&[
            ("Popular Dishes:", Heading(3), 0.0),
            (prose, Paragraph, 0.1),
        ]);
        assert!(matches!(labels[0], Label::Unknown));
        // …and over its own list of unlinked items.
        let item = "Build-your-own stations: taco bars, slider assemblies and salads";
        let labels = list_heading_labels(&[
            ("Popular concepts include:", Paragraph, 0.0),
            (item, ListItem, 0.0),
        ]);
        assert!(matches!(labels[0], Label::Unknown));
        // Over linked headlines it ends the article, also behind a lead-in line.
        let headline = "Ten beginner piano songs that will bring joy to your practice";
        let labels = list_heading_labels(&[
            ("More Articles", Heading(2), 0.0),
            (headline, Heading(3), 1.0),
        ]);
        assert_eq!(ends(&labels[0]), Some(true));
        let lead_in = "You may also be interested in the following articles:";
        let labels = list_heading_labels(&[
            ("Related articles", Heading(2), 0.0),
            (lead_in, Paragraph, 0.0),
            (headline, ListItem, 1.0),
        ]);
        assert_eq!(ends(&labels[0]), Some(true));
        // A box of links inside the story: its prose resumes under it.
        let paragraph = "The second half of the season brought more rain than the growers had \
            planned for, and the harvest began two weeks late in most of the valley, with the \
            smaller farms hit hardest because they had no cover for the grapes left on the vines.";
        let labels = list_heading_labels(&[
            ("Related Articles", Heading(2), 0.0),
            (headline, ListItem, 1.0),
            (headline, ListItem, 1.0),
            (paragraph, Paragraph, 0.0),
        ]);
        assert_eq!(ends(&labels[0]), Some(false));
        // A "Read more" link is removed but is no heading: the article may go on.
        let labels =
            list_heading_labels(&[("Read more", Paragraph, 1.0), (headline, Heading(3), 1.0)]);
        assert_eq!(ends(&labels[0]), Some(false));
    }

    #[test]
    fn a_story_is_not_outweighed_by_the_thread_below_its_comments_heading() {
        let mut page = String::from("Weekend notes\n\nRepainting the shed\n\n");
        for n in 0..4 {
            page.push_str(&format!(
                "Paragraph {n} of the story: we scraped the old flaking paint off the boards, \
                 washed them down with warm soapy water, and left the wood to dry for two whole \
                 days before the first coat of primer went on with a wide brush.\n\n"
            ));
        }
        page.push_str("9 comments on “Repainting the shed”\n\n");
        for n in 0..9 {
            page.push_str(&format!(
                "Reader {n}\n\nThanks for this write-up, it reminded me that our own fence has \
                 needed the very same treatment for a few summers now, and I will try your \
                 primer trick before the autumn rain sets in properly this year.\n\n"
            ));
        }
        let article = text_article(&page);
        assert!(
            article.body.contains("Paragraph 0 of the story"),
            "{}",
            article.body
        );
        assert!(article.body.contains("Paragraph 3 of the story"));
        assert!(!article.body.contains("Thanks for this write-up"));
    }

    /// The article the text path assembles from a dump, without metadata.
    fn text_article(page: &str) -> Article {
        let (article, _) = assemble(
            crate::text::blocks(page),
            PageFormat::Text,
            Hints::default(),
            None,
            RegionModel::embedded(),
            Trace::Skip,
        );
        article
    }

    #[test]
    fn a_story_rendered_twice_is_kept_once() {
        let story = "Repainting the shed\n\nWe scraped the old flaking paint off the boards, \
            washed them down with warm soapy water, and left the wood to dry for two whole days.\n\n\
            The first coat of primer went on with a wide brush on a still morning, and the second \
            coat followed a day later once the boards had stopped feeling tacky.\n\n";
        let page = format!("Weekend notes\n\n{story}Menu\n\n{story}");
        let article = text_article(&page);
        assert_eq!(
            article.body.matches("We scraped the old").count(),
            1,
            "{}",
            article.body
        );
        assert_eq!(article.body.matches("The first coat").count(), 1);
    }

    #[test]
    fn domains_need_a_full_stop() {
        for text in [
            "example.com",
            "Read it on News.Example.CO.UK",
            "sub-site.ſome.org",
        ] {
            assert!(DOMAIN.is_match(text), "{text:?}");
            assert!(contains_domain(text), "{text:?}");
        }
        assert!(!contains_domain("Harbour cranes return home"));
    }

    #[test]
    fn doubled_lines_are_said_once() {
        assert_eq!(
            undouble("Ten Ways to Rest Ten Ways to Rest"),
            "Ten Ways to Rest"
        );
        assert_eq!(undouble("New York New York"), "New York New York");
        assert_eq!(undouble("Rest well, rest often"), "Rest well, rest often");
    }

    #[test]
    fn datelines() {
        let d = dateline(
            "Seoul, Nov 3 European Union (EU) foreign policy chief",
            "2024-11-03".parse().ok(),
        );
        assert_eq!(
            d,
            Some(Dateline {
                place: "Seoul".into(),
                date: Some("2024-11-03".into())
            })
        );
        let d = dateline("WASHINGTON (AP) — The Senate voted", None);
        assert_eq!(
            d,
            Some(Dateline {
                place: "Washington".into(),
                date: None
            })
        );
        assert_eq!(
            dateline("During his visit, Borrell will also hold talks", None),
            None
        );
        assert_eq!(
            dateline("The minister said on Monday that talks would resume.", None),
            None
        );
    }

    #[test]
    fn credentials_after_a_name_are_cut() {
        assert_eq!(
            without_credentials("Dana Whitfield, MS, RD"),
            "Dana Whitfield"
        );
        assert_eq!(
            without_credentials("Orin B. Calloway CPP, PSP"),
            "Orin B. Calloway"
        );
        assert_eq!(without_credentials("Dana Whitfield"), "Dana Whitfield");
        // Two words at least stay, and a lone capitalised word without a comma is kept.
        assert_eq!(without_credentials("Tech News, AI"), "Tech News");
        assert_eq!(without_credentials("Visit NASA"), "Visit NASA");
    }

    #[test]
    fn the_name_before_a_date_line() {
        assert_eq!(
            name_before_date("Tom Tall October 14, 2025"),
            Some("Tom Tall")
        );
        assert_eq!(
            name_before_date("Ana Ruiz | Fri, 12 May 2025"),
            Some("Ana Ruiz")
        );
        assert_eq!(name_before_date("Posted October 14, 2025"), None);
        assert_eq!(name_before_date("October 14, 2025"), None);
    }

    #[test]
    fn the_name_beside_a_date() {
        assert_eq!(
            name_beside_date("Dec. 19, 2025 \u{b7} Maren Holt on behalf of the tools team")
                .as_deref(),
            Some("Maren Holt")
        );
        assert_eq!(
            name_beside_date("Tobias Wren\u{2022}Oct 20, 2025").as_deref(),
            Some("Tobias Wren")
        );
        assert_eq!(
            name_beside_date("Dec 26, 2025 \u{2022}  Priya Raman in Project Management").as_deref(),
            Some("Priya Raman")
        );
        // Parts holding figures are read times and counts, not names; words are no person.
        assert_eq!(
            name_beside_date("May 2, 2025 \u{b7} 6 min read \u{b7} 1,200 words"),
            None
        );
        assert_eq!(name_beside_date("May 2, 2025 | Project Management"), None);
    }

    /// The authors of a text page: a menu, `header` (the headline and the lines under it), and
    /// two paragraphs.
    fn authors_under(header: &str) -> Vec<String> {
        let page = format!(
            "Home\nNews\nSports\nContact\n{header}\
            The ferries along the northern coast will run on a reduced timetable from next week, \
            the operator said on Tuesday, as crews prepare the fleet for the storms that usually \
            arrive in the first weeks of the year and close the smaller harbours for days.\n\
            Fishermen in the three villages said the change would make it harder to reach the \
            market in town, where most of them sell their catch twice a week during the cold months.\n"
        );
        authors_of(&page)
    }

    /// The names of the authors of a text page.
    fn authors_of(page: &str) -> Vec<String> {
        let (_, article) =
            crate::extract(page.as_bytes(), &crate::Options::default()).expect("a text page");
        article.authors.into_iter().map(|a| a.name).collect()
    }

    #[test]
    fn a_name_over_a_job_title_above_the_first_paragraph_is_the_author() {
        let header = "Harbour towns brace for the long winter season\n\
            5 min read\n\
            Dana Whitfield\n\
            Senior Travel Writer\n";
        assert_eq!(authors_under(header), ["Dana Whitfield"]);
    }

    #[test]
    fn a_name_under_the_standfirst_is_the_author() {
        let header = "Harbour towns brace for the long winter season\n\
            Ferry crews, fishermen and shopkeepers on the northern coast are changing their \
            plans for a winter that forecasters expect to be the stormiest in ten years.\n\
            Dana Whitfield\n";
        assert_eq!(authors_under(header), ["Dana Whitfield"]);
        // Further down, or under a line that is no standfirst, a name is no byline.
        let header = "Harbour towns brace for the long winter season\n\
            Weather\n\
            Dana Whitfield\n";
        assert!(authors_under(header).is_empty());
    }

    #[test]
    fn a_name_line_in_capitals_is_written_as_people_write_it() {
        let header = "Harbour towns brace for the long winter season\n\
            DANA WHITFIELD\n\
            Published Mar 4, 2025\n";
        assert_eq!(authors_under(header), ["Dana Whitfield"]);
    }

    /// The authors of a text page whose first line is `site` over a headline and two
    /// paragraphs.
    fn authors_of_site(site: &str) -> Vec<String> {
        let page = format!(
            "{site}\nAbout\nArchive\n\
            Notes on keeping a kettle quiet\n\
            I boiled water in twenty kettles over three weeks and wrote down how loud each one \
            was at a distance of one metre, from the first hiss to the click of the switch.\n\
            The quietest models share a thick base and a wide spout, and most of them take a \
            little longer to boil than the louder ones on the list I kept in the kitchen.\n"
        );
        authors_of(&page)
    }

    #[test]
    fn a_personal_site_is_written_by_the_person_it_is_named_for() {
        assert_eq!(authors_of_site("Dana Whitfield"), ["Dana Whitfield"]);
        // A skip link, a site named with words, a name the given-name list does not know.
        assert!(authors_of_site("Skip to content").is_empty());
        assert!(authors_of_site("Learn Music").is_empty());
        assert!(authors_of_site("Quiet Kettle Notes").is_empty());
    }

    #[test]
    fn a_name_after_the_dates() {
        let name = |line: &str| name_after_date(line);
        assert_eq!(
            name("Dec 17, 2025Dana Whitfield").as_deref(),
            Some("Dana Whitfield")
        );
        assert_eq!(
            name("May 4, 2021June 9, 2023 Dana Whitfield").as_deref(),
            Some("Dana Whitfield")
        );
        assert_eq!(
            name("Dec 17, 2025 \u{b7} Dana Whitfield").as_deref(),
            Some("Dana Whitfield")
        );
        assert_eq!(name("January 16, 2026 Computer Repairs"), None);
        assert_eq!(name("Dec 17, 2025 \u{b7} 10 min read"), None);
        assert_eq!(name("Dec 17, 20251 Dana Whitfield"), None);
    }

    #[test]
    fn a_list_of_names_under_the_headline_is_the_byline() {
        let header = "Harbour towns brace for the long winter season\n\
            Dana Whitfield, Omar Castell and Ines Marrow\n";
        assert_eq!(
            authors_under(header),
            ["Dana Whitfield", "Omar Castell", "Ines Marrow"]
        );
        let list = |line: &str| names_list(line).map(|b| b.authors);
        assert_eq!(list("Ferries, fishermen and shopkeepers"), None);
        assert_eq!(list("Dana Whitfield and the Harbour Trust"), None);
        assert_eq!(list("Dana Whitfield"), None);
    }

    #[test]
    fn role_lines() {
        assert!(is_role_line("Marketing Operations Analyst"));
        assert!(is_role_line("Staff Software Engineer, Northwind Labs"));
        assert!(is_role_line("Senior Editor"));
        assert!(!is_role_line("Research & Development"));
        assert!(!is_role_line("Why every team needs an analyst"));
        assert!(!is_role_line("Top 10 engineers"));
    }

    #[test]
    fn a_job_title_after_a_comma_bar_or_dash_is_cut() {
        assert_eq!(without_role("Mike Marsh, Shipping Expert"), "Mike Marsh");
        assert_eq!(without_role("Ana Ruiz, Senior Editors"), "Ana Ruiz");
        assert_eq!(without_role("Ana Ruiz  |  Guest Columnist"), "Ana Ruiz");
        assert_eq!(without_role("Ana Ruiz|Staff Writer"), "Ana Ruiz");
        assert_eq!(without_role("Ana Ruiz — Contributing Editor"), "Ana Ruiz");
        assert_eq!(without_role("Ana Ruiz - Reporter"), "Ana Ruiz");
        assert_eq!(
            without_role("Ana Ruiz and Tom Tall | Guest Columnists"),
            "Ana Ruiz and Tom Tall"
        );
        assert_eq!(without_role("Paris, France"), "Paris, France");
        assert_eq!(without_role("Ana Ruiz, the editor"), "Ana Ruiz, the editor");
        assert_eq!(
            without_role("News | Sports | Weather"),
            "News | Sports | Weather"
        );
        assert_eq!(without_role("Jean-Luc Picard"), "Jean-Luc Picard");
    }

    #[test]
    fn names_with_a_job_title_under_the_standfirst_are_the_authors() {
        let header = |credit: &str| {
            format!(
                "Harbour towns brace for the long winter season\n\
                Ferry crews, fishermen and shopkeepers on the northern coast are changing their \
                plans for a winter that forecasters expect to be the stormiest in ten years.\n\
                {credit}\n"
            )
        };
        assert_eq!(
            authors_under(&header("Dana Whitfield  |  Guest Columnist")),
            ["Dana Whitfield"]
        );
        assert_eq!(
            authors_under(&header("Dana Whitfield and Tom Tallis | Guest Columnists")),
            ["Dana Whitfield", "Tom Tallis"]
        );
        assert!(authors_under(&header("Opinion | Guest Columnists")).is_empty());
    }

    #[test]
    fn separator_lines() {
        assert!(is_separator_line(" • ") && is_separator_line("|"));
        assert!(!is_separator_line("") && !is_separator_line("• Home"));
    }

    #[test]
    fn a_name_by_the_date_above_the_first_paragraph_is_the_author() {
        let header = "Harbour towns brace for the long winter season\n\
            Local Desk\n\
            Opinion\n\
            Weather\n\
            Travel\n\
            Dana Whitfield\n\
            Published Mar 4, 2025\n";
        assert_eq!(authors_under(header), ["Dana Whitfield"]);
    }

    #[test]
    fn a_headline_with_its_byline_far_above_the_first_paragraph_is_the_title() {
        let mut page = String::from(
            "Home\nReviews\nGuides\nContact\n\
            The Five Quietest Kettles We Tested This Winter\n\
            By Dana Whitfield | March 4, 2025\n",
        );
        // A box of picks: name, score and button lines between the byline and the text.
        for k in 1..=15 {
            page.push_str(&format!("Pick {k}\nModel K{k}\nCheck price\n"));
        }
        page.push_str(
            "We boiled water in twenty kettles over three weeks and measured how loud each one \
            was at a distance of one metre, from the first hiss to the click of the switch.\n\
            The quietest models share a thick base and a wide spout, and most of them take a \
            little longer to boil than the louder ones on our list.\n\
            Our favourite was also the cheapest, which surprised the whole team after weeks of \
            listening to kettles rattle and whistle on the counter.\n",
        );
        let (_, article) =
            crate::extract(page.as_bytes(), &crate::Options::default()).expect("a text page");
        assert_eq!(
            article.title.as_deref(),
            Some("The Five Quietest Kettles We Tested This Winter")
        );
    }

    #[test]
    fn far_title_candidates_are_few_however_many_bylined_lines_there_are() {
        let mut page = String::new();
        for k in 0..300 {
            page.push_str(&format!(
                "Council weighs budget plan number {k} for the harbour\nBy Dana Whitfield | May 2, 2025\n"
            ));
        }
        let blocks = crate::text::blocks(&page);
        let labels: Vec<Label> = blocks.iter().map(first_label).collect();
        let end = blocks.len();
        let (_, candidates) = find_title(
            &blocks,
            &labels,
            end..end,
            None,
            &RegionModel::embedded().title,
        );
        // The window's 40 blocks above the start hold 20 headlines; beyond it, FAR_TITLES more.
        assert_eq!(candidates.len(), 20 + FAR_TITLES);
    }

    #[test]
    fn a_subheading_after_the_opening_paragraphs_is_not_the_headline() {
        let page = "Home\nNews\nAbout\nContact\n\n\
            The ferries along the northern coast will run on a reduced timetable from next week, \
            the operator said on Tuesday, as crews prepare the fleet for the winter storms.\n\n\
            Fishermen in the three villages said the change would make it harder to reach the \
            market in town, where most of them sell their catch twice a week.\n\n\
            The operator said the summer timetable would return in April, once the harbours \
            reopen and the repairs to the northern pier are finished by the council.\n\n\
            Plan Your Winter Crossing With Our Travel Team\n\n\
            Our travel team can help you book a crossing, find a room near the harbour and \
            check the weather before you set off on the morning boat.\n";
        let (_, article) =
            crate::extract(page.as_bytes(), &crate::Options::default()).expect("a text page");
        // No headline-shaped line stands above the paragraphs: the one below them is no
        // headline either.
        assert_eq!(article.title, None);
        assert!(article.body.contains("Fishermen in the three villages"));
    }

    #[test]
    fn sources() {
        assert_eq!(
            credited_source("Original Source: example.org"),
            Some("example.org".into())
        );
        assert_eq!(credited_source("Note: none of this"), None);
    }
}
