//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, nothing fetched)
//! that a recruiter can open or mail. Every piece of posting text is escaped. Lists are capped so
//! the file stays small however many postings there were; counts are always complete.

use jdlint::calibrate::agreement::{level_name, Agreement, Confusion};
use jdlint::calibrate::fit::FitReport;
use jdlint::calibrate::outliers::Outlier;
use jdlint::calibrate::{level_mix, Report, Slice, MIN_NAMED_GROUP};
use jdlint::Level;
use std::fmt::Write;

/// Groups drawn in the drift chart and listed in the group table.
const GROUPS_SHOWN: usize = 25;
/// Outliers shown, whatever `--outliers` kept.
const OUTLIERS_SHOWN: usize = 50;
/// Never-matched terms listed.
const UNMATCHED_SHOWN: usize = 300;

const STYLE: &str = r#"
:root { --ink:#1d2433; --muted:#5b6475; --line:#e3e6ec; --bg:#f6f7f9; --accent:#2f5fd0;
        --up:#c2410c; --down:#2563eb; --ok:#15803d; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
       font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width:1100px; margin:0 auto; padding:28px 32px 48px; }
header h1 { margin:0 0 4px; font-size:26px; letter-spacing:-0.01em; }
header p { margin:0; color:var(--muted); }
section { background:#fff; border:1px solid var(--line); border-radius:10px; padding:18px 22px; margin-top:18px; }
h2 { margin:0 0 12px; font-size:17px; }
h3 { margin:14px 0 6px; font-size:15px; }
.summary { background:#fffdf5; border-color:#f1e4b3; }
.summary ul { margin:0; padding-left:20px; }
.summary li { margin:4px 0; font-size:16px; }
.cards { display:flex; flex-wrap:wrap; gap:12px; }
.card { flex:1 1 150px; border:1px solid var(--line); border-radius:8px; padding:10px 14px; }
.card .v { font-size:26px; font-weight:650; }
.card .k { color:var(--muted); font-size:13px; }
.row { display:flex; flex-wrap:wrap; gap:18px; align-items:flex-start; }
.row > div { flex:1 1 300px; }
table { border-collapse:collapse; width:100%; font-size:14px; }
th, td { text-align:right; padding:5px 8px; border-bottom:1px solid var(--line); }
th:first-child, td:first-child { text-align:left; }
th { color:var(--muted); font-weight:600; }
.note { color:var(--muted); font-size:13px; margin:8px 0 0; }
svg text { font-family:inherit; }
/* Charts scale down with the page, and a wide table scrolls in its section, not the page. */
svg { max-width:100%; height:auto; }
section { overflow-x:auto; }
.outlier { border-top:1px solid var(--line); padding:12px 0 6px; }
.outlier:first-of-type { border-top:0; padding-top:0; }
.outlier .t { font-weight:600; }
.outlier .m { color:var(--muted); font-size:13px; }
.badge { display:inline-block; border-radius:999px; padding:1px 9px; font-size:12px; font-weight:650; color:#fff; }
.badge.up { background:var(--up); } .badge.down { background:var(--down); } .badge.track { background:#7c3aed; }
.quotes { list-style:none; margin:6px 0 0; padding:0; }
.quotes li { margin:4px 0; font-size:14px; }
.quotes .s { display:inline-block; min-width:180px; margin-right:8px; color:var(--muted); font-size:12px; }
mark { background:#fde68a; padding:0 2px; border-radius:3px; }
.terms { columns:3 220px; font-size:13px; color:var(--muted); margin:6px 0 0; padding-left:18px; }
details summary { cursor:pointer; color:var(--accent); }
table.left td, table.left th { text-align:left; }
footer { color:var(--muted); font-size:12px; margin-top:18px; text-align:center; }
"#;

/// Escapes text for HTML element content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |v| format!("{:.0}%", v * 100.0))
}

fn signed(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |v| format!("{v:+.2}"))
}

/// Renders the report.
pub fn render(report: &Report, fit: Option<&FitReport>) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let reference = report.reference;
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>jdlint calibration: {} postings</title><style>{STYLE}</style></head><body><main>",
        report.postings
    );
    let grouping = report
        .group_by
        .as_ref()
        .map(|g| format!(" · grouped by {}", esc(g)))
        .unwrap_or_default();
    let _ = write!(
        h,
        "<header><h1>How titles line up with what postings ask for</h1>\
         <p>{} postings · body compared with the {}{}</p></header>",
        report.postings,
        if reference == "label" {
            format!(
                "level in <code>{}</code>",
                esc(report.labels.as_deref().unwrap_or_default())
            )
        } else {
            "title".to_string()
        },
        grouping
    );

    h.push_str("<section class=\"summary\" id=\"summary\"><h2>In short</h2><ul>");
    for line in &report.summary {
        let _ = write!(h, "<li>{}</li>", esc(line));
    }
    h.push_str("</ul></section>");

    if let Some(main) = report.comparisons.first() {
        cards(&mut h, &main.agreement);
        let (rows, columns) = main.name.split_once("-vs-").unwrap_or((main.name, ""));
        let _ = write!(
            h,
            "<section id=\"confusion\"><h2>{} level against {} level</h2><div class=\"row\"><div>{}</div>\
             <div><h3>Level mix</h3>{}</div></div><p class=\"note\">Rows: the {rows}'s level; columns: \
             the level the {columns} reads as. Each cell: postings and share of its row; the diagonal is \
             agreement. (none): the {rows} names no level, or the {columns} says too little to read \
             one.</p>",
            capitalize(rows),
            columns,
            heatmap(&main.confusion),
            mix_chart(&main.confusion, rows, columns)
        );
        for other in &report.comparisons[1..] {
            let _ = write!(
                h,
                "<p class=\"note\"><b>{}</b>: exact {}, within one rank {}, balanced {}, drift {}</p>",
                esc(other.name),
                pct(other.agreement.exact),
                pct(other.agreement.within_one),
                pct(other.agreement.balanced),
                signed(other.agreement.mean_signed_rank_difference)
            );
        }
        h.push_str("</section>");
    }

    if !report.by_group.is_empty() {
        let _ = write!(
            h,
            "<section id=\"groups\"><h2>Drift by {field}</h2>{}{}<p class=\"note\">(none): the postings \
             without a <code>{field}</code> field. A group is named in the summary only with \
             {MIN_NAMED_GROUP} compared postings or more; the count beside each name says how many \
             it has.</p></section>",
            drift_chart(&report.by_group),
            slice_table(&report.by_group, GROUPS_SHOWN),
            field = esc(report.group_by.as_deref().unwrap_or("group")),
        );
    }
    let _ = write!(
        h,
        "<section id=\"specializations\"><h2>By the specialization the body implies</h2>{}\
         <p class=\"note\">(none): bodies that say too little to read a level, and so a \
         specialization, from.</p></section>",
        slice_table(&report.by_specialization, usize::MAX)
    );

    outliers(&mut h, &report.outliers);
    usage(&mut h, report);
    reliability(&mut h, report);
    if let Some(f) = fit {
        fit_section(&mut h, f);
    }
    if !report.errors.is_empty() {
        let _ = write!(
            h,
            "<section id=\"errors\"><h2>Inputs not used ({})</h2><ul>",
            report.errors.len()
        );
        for e in report.errors.iter().take(OUTLIERS_SHOWN) {
            let _ = write!(
                h,
                "<li>{}: {}</li>",
                esc(&e.source.to_string()),
                esc(&e.message)
            );
        }
        h.push_str("</ul></section>");
    }
    let _ = writeln!(
        h,
        "<footer>jdlint {} · calibration report</footer></main></body></html>",
        env!("CARGO_PKG_VERSION")
    );
    h
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn cards(h: &mut String, a: &Agreement) {
    h.push_str("<section id=\"figures\"><h2>Agreement</h2><div class=\"cards\">");
    let cards = [
        (pct(a.exact), "exact level"),
        (pct(a.within_one), "within one rank"),
        (pct(a.balanced), "balanced (mean per-level)"),
        (pct(a.track), "same track"),
        (
            signed(a.mean_signed_rank_difference),
            "mean rank drift (+ = titles inflated)",
        ),
    ];
    for (v, k) in cards {
        let _ = write!(
            h,
            "<div class=\"card\"><div class=\"v\">{v}</div><div class=\"k\">{k}</div></div>"
        );
    }
    let _ = write!(
        h,
        "</div><p class=\"note\">{} of {} postings have a reference level to compare.</p></section>",
        a.compared, a.postings
    );
}

/// The levels a table uses: every level with a count as row or column, and `(none)` if used.
fn used_levels(c: &Confusion) -> Vec<Option<Level>> {
    Level::ALL
        .iter()
        .map(|&l| Some(l))
        .chain([None])
        .filter(|&l| c.row_total(l) > 0 || c.column_total(l) > 0)
        .collect()
}

fn heatmap(c: &Confusion) -> String {
    let levels = used_levels(c);
    let rows: Vec<Option<Level>> = levels
        .iter()
        .copied()
        .filter(|&l| c.row_total(l) > 0)
        .collect();
    let (left, top, cw, ch) = (86.0, 30.0, 54.0, 40.0);
    let width = left + cw * levels.len() as f64 + 8.0;
    let height = top + ch * rows.len() as f64 + 8.0;
    let mut s = format!(
        "<svg id=\"heatmap\" role=\"img\" aria-label=\"confusion table\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (j, &col) in levels.iter().enumerate() {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#5b6475\">{}</text>",
            left + cw * (j as f64 + 0.5),
            top - 10.0,
            level_name(col)
        );
    }
    for (i, &row) in rows.iter().enumerate() {
        let y = top + ch * i as f64;
        let total = c.row_total(row);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"#5b6475\">{}</text>",
            left - 8.0,
            y + ch / 2.0 + 4.0,
            level_name(row)
        );
        for (j, &col) in levels.iter().enumerate() {
            let n = c.count(row, col);
            let share = if total > 0 {
                n as f64 / total as f64
            } else {
                0.0
            };
            let x = left + cw * j as f64;
            let diagonal = row.is_some() && row == col;
            // Agreement in green, disagreement in orange; the deeper, the larger the row share.
            let (r, g, b) = if diagonal {
                (21, 128, 61)
            } else {
                (194, 65, 12)
            };
            let alpha = if n == 0 { 0.0 } else { 0.08 + 0.82 * share };
            let _ = write!(
                s,
                "<rect class=\"cell\" data-row=\"{}\" data-col=\"{}\" data-count=\"{n}\" x=\"{}\" y=\"{}\" width=\"{}\" \
                 height=\"{}\" rx=\"4\" fill=\"rgba({r},{g},{b},{alpha:.3})\" stroke=\"{}\"/>",
                level_name(row),
                level_name(col),
                x + 1.0,
                y + 1.0,
                cw - 2.0,
                ch - 2.0,
                if diagonal { "#15803d" } else { "#e3e6ec" }
            );
            if n > 0 {
                let ink = if share > 0.55 { "#fff" } else { "#1d2433" };
                let _ = write!(
                    s,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\" fill=\"{ink}\">{n}</text>\
                     <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{ink}\">{:.0}%</text>",
                    x + cw / 2.0,
                    y + 18.0,
                    x + cw / 2.0,
                    y + 31.0,
                    share * 100.0
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

fn mix_chart(c: &Confusion, rows: &str, columns: &str) -> String {
    let mix: Vec<(&str, u64, u64)> = level_mix(c)
        .into_iter()
        .filter(|(_, r, col)| r + col > 0)
        .collect();
    let max = mix
        .iter()
        .map(|(_, r, c)| (*r).max(*c))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let (left, bar, gap, span) = (78.0, 11.0, 8.0, 230.0);
    let height = 24.0 + mix.len() as f64 * (2.0 * bar + gap);
    let width = left + span + 50.0;
    let mut s = format!(
        "<svg id=\"mix\" role=\"img\" aria-label=\"level mix\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <rect x=\"{left}\" y=\"2\" width=\"10\" height=\"10\" fill=\"#94a3b8\"/>\
         <text x=\"{}\" y=\"11\" font-size=\"11\" fill=\"#5b6475\">{rows}</text>\
         <rect x=\"{}\" y=\"2\" width=\"10\" height=\"10\" fill=\"#2f5fd0\"/>\
         <text x=\"{}\" y=\"11\" font-size=\"11\" fill=\"#5b6475\">{columns}</text>",
        left + 14.0,
        left + 80.0,
        left + 94.0
    );
    for (i, (name, r, col)) in mix.iter().enumerate() {
        let y = 22.0 + i as f64 * (2.0 * bar + gap);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"#5b6475\">{name}</text>",
            left - 8.0,
            y + bar + 3.0
        );
        for (k, (n, fill)) in [(*r, "#94a3b8"), (*col, "#2f5fd0")].into_iter().enumerate() {
            let w = span * n as f64 / max;
            let yy = y + k as f64 * bar;
            let _ = write!(
                s,
                "<rect x=\"{left}\" y=\"{yy}\" width=\"{w:.1}\" height=\"{}\" rx=\"2\" fill=\"{fill}\"/>\
                 <text x=\"{:.1}\" y=\"{}\" font-size=\"10\" fill=\"#5b6475\">{n}</text>",
                bar - 2.0,
                left + w + 4.0,
                yy + bar - 3.0
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// How many characters of a group's name the drift chart shows: with its count, what fits the
/// 190 pixels left of the bars at 12 px.
const NAME_CHARS: usize = 22;

fn drift_chart(groups: &[Slice]) -> String {
    let shown: Vec<(&Slice, f64)> = groups
        .iter()
        .filter_map(|g| Some((g, g.agreement.mean_signed_rank_difference?)))
        .take(GROUPS_SHOWN)
        .collect();
    if shown.is_empty() {
        return "<p class=\"note\">No group has postings with both levels.</p>".into();
    }
    let max = shown.iter().map(|(_, d)| d.abs()).fold(0.5f64, f64::max);
    let (label, half, row) = (200.0, 260.0, 24.0);
    let mid = label + half;
    let width = label + 2.0 * half + 60.0;
    let height = 26.0 + row * shown.len() as f64;
    let mut s = format!(
        "<svg id=\"drift\" role=\"img\" aria-label=\"signed drift per group\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <text x=\"{}\" y=\"12\" font-size=\"11\" text-anchor=\"end\" fill=\"#2563eb\">◀ bodies ask for more</text>\
         <text x=\"{}\" y=\"12\" font-size=\"11\" fill=\"#c2410c\">titles inflated ▶</text>\
         <line x1=\"{mid}\" y1=\"18\" x2=\"{mid}\" y2=\"{height}\" stroke=\"#94a3b8\"/>",
        mid - 8.0,
        mid + 8.0
    );
    for (i, (g, d)) in shown.iter().enumerate() {
        let y = 22.0 + row * i as f64;
        let w = half * d.abs() / max;
        let x = if *d >= 0.0 { mid } else { mid - w };
        let fill = if *d >= 0.0 { "#c2410c" } else { "#2563eb" };
        // A long name is cut with an ellipsis, in full in its tooltip; the value stands across
        // the centre line from its bar, so that neither runs into the names.
        let name: String = if g.name.chars().count() > NAME_CHARS {
            g.name.chars().take(NAME_CHARS - 1).chain(['…']).collect()
        } else {
            g.name.clone()
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1d2433\"><title>{}</title>{} <tspan fill=\"#5b6475\">({})</tspan></text>\
             <rect class=\"drift\" x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" rx=\"3\" fill=\"{fill}\"/>\
             <text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"{}\" fill=\"#5b6475\">{d:+.2}</text>",
            label - 10.0,
            y + 13.0,
            esc(&g.name),
            esc(&name),
            g.agreement.postings,
            y + 3.0,
            row - 8.0,
            if *d >= 0.0 { mid - 4.0 } else { mid + 4.0 },
            y + 13.0,
            if *d >= 0.0 { "end" } else { "start" }
        );
    }
    s.push_str("</svg>");
    if groups.len() > shown.len() {
        let _ = write!(
            s,
            "<p class=\"note\">The {} largest groups are drawn; all {} are in the JSON output.</p>",
            shown.len(),
            groups.len()
        );
    }
    s
}

fn slice_table(slices: &[Slice], limit: usize) -> String {
    let mut s = String::from(
        "<table><tr><th></th><th>postings</th><th>exact</th><th>within one</th>\
         <th>balanced</th><th>track</th><th>drift</th></tr>",
    );
    for sl in slices.iter().take(limit) {
        let a = &sl.agreement;
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&sl.name),
            a.postings,
            pct(a.exact),
            pct(a.within_one),
            pct(a.balanced),
            pct(a.track),
            signed(a.mean_signed_rank_difference)
        );
    }
    if slices.len() > limit {
        let rest: u64 = slices[limit..].iter().map(|s| s.agreement.postings).sum();
        let _ = write!(
            s,
            "<tr><td colspan=\"7\" class=\"note\">and {} more ({rest} postings)</td></tr>",
            slices.len() - limit
        );
    }
    s.push_str("</table>");
    s
}

fn outliers(h: &mut String, outliers: &[Outlier]) {
    let _ = write!(
        h,
        "<section id=\"outliers\"><h2>Where title and body disagree most</h2>"
    );
    if outliers.is_empty() {
        h.push_str("<p class=\"note\">None: every posting with a level agrees with its body.</p>");
    }
    for o in outliers.iter().take(OUTLIERS_SHOWN) {
        let (class, text) = match o.rank_difference {
            d if d > 0 => ("up", format!("title {d} rank{} above", plural(d))),
            d if d < 0 => ("down", format!("title {} rank{} below", -d, plural(d))),
            _ => ("track", "other track".to_string()),
        };
        let _ = write!(
            h,
            "<article class=\"outlier\"><div><span class=\"badge {class}\">{text}</span> \
             <span class=\"t\">{}</span></div><div class=\"m\">{}{} · reads as <b>{}</b> · confidence {:.2}{}</div><ul class=\"quotes\">",
            esc(&o.title),
            match (o.label, o.claimed) {
                (Some(l), _) => format!("labelled <b>{}</b> · ", l.id()),
                (None, Some(c)) => format!("titled <b>{}</b> · ", c.id()),
                _ => String::new(),
            },
            esc(&o.source.to_string()),
            level_name(o.implied),
            o.confidence,
            if o.group == jdlint::calibrate::agreement::NONE_NAME {
                String::new()
            } else {
                format!(" · {}", esc(&o.group))
            }
        );
        for q in &o.evidence {
            let _ = write!(
                h,
                "<li><span class=\"s\">line {} · {} · {:.2}</span>{}<mark>{}</mark>{}</li>",
                q.line,
                esc(&q.supports),
                q.weight,
                esc(&q.before),
                esc(&q.text),
                esc(&q.after)
            );
        }
        h.push_str("</ul></article>");
    }
    h.push_str("</section>");
}

fn plural(n: i8) -> &'static str {
    if n.abs() == 1 {
        ""
    } else {
        "s"
    }
}

fn usage(h: &mut String, report: &Report) {
    let u = &report.lexicon_usage;
    let _ = write!(
        h,
        "<section id=\"usage\"><h2>Lexicon usage</h2><p class=\"note\">{} of {} terms matched at least once.</p>\
         <h3>Terms that decided the most postings</h3><table class=\"left\"><tr><th>term</th><th>supports</th><th>postings</th><th>source</th></tr>",
        u.matched_terms, u.terms
    );
    for d in u.deciding.iter().take(15) {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&d.term),
            esc(&d.supports),
            d.postings,
            esc(&d.source)
        );
    }
    let _ = write!(
        h,
        "</table><details><summary>{} terms never matched</summary><ul class=\"terms\">",
        u.never_matched.len()
    );
    for t in u.never_matched.iter().take(UNMATCHED_SHOWN) {
        let _ = write!(
            h,
            "<li>{} <small>({})</small></li>",
            esc(&t.term),
            esc(&t.supports)
        );
    }
    h.push_str("</ul></details></section>");
}

fn reliability(h: &mut String, report: &Report) {
    let r = &report.reliability;
    let size = 220.0;
    let (pad, top) = (36.0, 10.0);
    let mut svg = format!(
        "<svg id=\"reliability\" role=\"img\" aria-label=\"reliability diagram\" width=\"{w}\" height=\"{hh}\" \
         viewBox=\"0 0 {w} {hh}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <rect x=\"{pad}\" y=\"{top}\" width=\"{size}\" height=\"{size}\" fill=\"#f6f7f9\" stroke=\"#e3e6ec\"/>\
         <line x1=\"{pad}\" y1=\"{}\" x2=\"{}\" y2=\"{top}\" stroke=\"#94a3b8\" stroke-dasharray=\"4 4\"/>\
         <text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6475\">confidence</text>\
         <text x=\"12\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6475\" transform=\"rotate(-90 12 {})\">agreement</text>",
        top + size,
        pad + size,
        pad + size / 2.0,
        top + size + 24.0,
        top + size / 2.0,
        top + size / 2.0,
        w = pad + size + 10.0,
        hh = top + size + 32.0,
    );
    for b in &r.bins {
        let x = pad + b.lower * size;
        let bh = b.agreement * size;
        let _ = write!(
            svg,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"rgba(47,95,208,0.55)\"/>\
             <circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#c2410c\"/>",
            x + 1.0,
            top + size - bh,
            (b.upper - b.lower) * size - 2.0,
            pad + b.mean_confidence * size,
            top + size - b.mean_confidence * size
        );
    }
    svg.push_str("</svg>");
    let mut table = String::from(
        "<table><tr><th>confidence</th><th>postings</th><th>mean confidence</th><th>agreement</th></tr>",
    );
    for b in &r.bins {
        let _ = write!(
            table,
            "<tr><td>{:.1}–{:.1}</td><td>{}</td><td>{:.2}</td><td>{:.2}</td></tr>",
            b.lower, b.upper, b.postings, b.mean_confidence, b.agreement
        );
    }
    table.push_str("</table>");
    let _ = write!(
        h,
        "<section id=\"reliability-section\"><h2>Can the confidence figure be trusted?</h2>\
         <div class=\"row\"><div>{svg}<p class=\"note\">Bars: how often the body's level equals the {}'s, per confidence bin; \
         dots: the bin's mean confidence. On the dashed line, confidence means what it says.</p></div><div>{table}\
         <p class=\"note\">Expected calibration error: <b>{}</b> over {} postings.</p></div></div></section>",
        report.reference,
        r.expected_calibration_error
            .map_or_else(|| "–".into(), |e| format!("{e:.3}")),
        r.postings
    );
}

fn fit_section(h: &mut String, f: &FitReport) {
    let _ = write!(
        h,
        "<section id=\"fit\"><h2>Fitting the lexicon to this ladder</h2><table><tr><th></th><th>balanced</th>\
         <th>exact</th><th>within one</th></tr>"
    );
    for (name, a) in [
        ("default lexicon", &f.before),
        (
            &*format!("fitted, held out ({}-fold)", f.folds),
            &f.held_out,
        ),
        ("fitted, in sample", &f.fitted),
    ] {
        let _ = write!(
            h,
            "<tr><td>{name}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            pct(a.balanced),
            pct(a.exact),
            pct(a.within_one)
        );
    }
    let _ = write!(
        h,
        "</table><h3>{} entries re-weighted</h3><table><tr><th>terms or years</th><th>supports</th><th>from</th><th>to</th></tr>",
        f.changes.len()
    );
    for c in f.changes.iter().take(30) {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{:.2}</td><td>{:.2}</td></tr>",
            esc(&super::change_label(c)),
            esc(&c.supports),
            c.from,
            c.to
        );
    }
    h.push_str("</table>");
    if let Some(a) = &f.aliases {
        let _ = write!(
            h,
            "<h3>{} new title aliases</h3><p class=\"note\">Titles against labels, exact: {} before, {} held out, {} with the aliases.</p><ul>",
            a.aliases.len(),
            pct(a.before.exact),
            pct(a.held_out.exact),
            pct(a.fitted.exact)
        );
        for alias in &a.aliases {
            let _ = write!(
                h,
                "<li>{} → <b>{}</b> (read as {}; {} of {} postings)</li>",
                esc(&alias.title),
                alias.to.id(),
                level_name(alias.from),
                alias.agreeing,
                alias.postings
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<img src=x onerror="a('b')"> & co"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co"
        );
    }
}
