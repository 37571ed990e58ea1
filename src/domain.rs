//! The shared vocabulary of `../shared/design/DOMAIN.md`: levels with their ordinal ranks and
//! tracks, and specializations. The ids are a contract: they appear in JSON output, configuration
//! and lexicon files.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Whether a level manages people (`manager`) or not (`ic`, individual contributor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    /// Individual contributor: leads product work without managing people (`ic`).
    Ic,
    /// Manages people, usually other product managers (`manager`).
    Manager,
}

impl Track {
    /// Both tracks, `ic` first.
    pub const ALL: [Track; 2] = [Track::Ic, Track::Manager];

    /// The stable id used in JSON output, configuration and lexicon files: `ic` or `manager`.
    pub fn id(self) -> &'static str {
        match self {
            Track::Ic => "ic",
            Track::Manager => "manager",
        }
    }
}

/// A level of the product-management ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Associate, junior or rotational PM, Product Manager I (`associate`, rank 1, IC).
    Associate,
    /// Product Manager, Product Manager II (`pm`, rank 2, IC).
    Pm,
    /// Senior PM, Product Manager III (`senior`, rank 3, IC).
    Senior,
    /// Staff, principal or IC lead PM (`principal`, rank 4, IC).
    Principal,
    /// Group PM, a lead who manages PMs (`group`, rank 4, manager).
    Group,
    /// Director of Product or Product Management (`director`, rank 5, manager).
    Director,
    /// VP or Head of Product (`vp`, rank 6, manager).
    Vp,
    /// Chief Product Officer (`cpo`, rank 7, manager).
    Cpo,
}

impl Level {
    /// All levels, in ladder order.
    pub const ALL: [Level; 8] = [
        Level::Associate,
        Level::Pm,
        Level::Senior,
        Level::Principal,
        Level::Group,
        Level::Director,
        Level::Vp,
        Level::Cpo,
    ];

    /// The stable id used in JSON output, configuration and lexicon files, e.g. `senior`.
    pub fn id(self) -> &'static str {
        match self {
            Level::Associate => "associate",
            Level::Pm => "pm",
            Level::Senior => "senior",
            Level::Principal => "principal",
            Level::Group => "group",
            Level::Director => "director",
            Level::Vp => "vp",
            Level::Cpo => "cpo",
        }
    }

    /// The ordinal rank: `principal` and `group` share rank 4 and differ in track.
    pub fn rank(self) -> u8 {
        match self {
            Level::Associate => 1,
            Level::Pm => 2,
            Level::Senior => 3,
            Level::Principal | Level::Group => 4,
            Level::Director => 5,
            Level::Vp => 6,
            Level::Cpo => 7,
        }
    }

    /// The track this level belongs to: `associate` to `principal` are IC, `group` and above manage.
    pub fn track(self) -> Track {
        match self {
            Level::Associate | Level::Pm | Level::Senior | Level::Principal => Track::Ic,
            Level::Group | Level::Director | Level::Vp | Level::Cpo => Track::Manager,
        }
    }

    /// The level at `rank` on `track`. Ranks 1-3 exist only on the IC track and 5-7 only on the
    /// manager track, so there the track is ignored.
    pub fn from_rank(rank: u8, track: Track) -> Option<Level> {
        Some(match (rank, track) {
            (1, _) => Level::Associate,
            (2, _) => Level::Pm,
            (3, _) => Level::Senior,
            (4, Track::Ic) => Level::Principal,
            (4, Track::Manager) => Level::Group,
            (5, _) => Level::Director,
            (6, _) => Level::Vp,
            (7, _) => Level::Cpo,
            _ => return None,
        })
    }

    /// A short human name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Level::Associate => "associate",
            Level::Pm => "mid-level PM",
            Level::Senior => "senior",
            Level::Principal => "principal/staff",
            Level::Group => "group PM",
            Level::Director => "director",
            Level::Vp => "VP / head of product",
            Level::Cpo => "chief product officer",
        }
    }

    /// [`Level::name`] after its indefinite article, as a message says it: "an associate", "a
    /// senior".
    pub fn name_with_article(self) -> String {
        let article = if self == Level::Associate { "an" } else { "a" };
        format!("{article} {}", self.name())
    }
}

/// A product-management specialization (seed 003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Specialization {
    /// Generalist PM of customer-facing features end to end (`core`); the default when nothing
    /// specific stands out.
    Core,
    /// Internal platforms, APIs, shared services and developer experience (`platform`).
    Platform,
    /// Architecture, technical specs, interface contracts and migrations (`technical`).
    Technical,
    /// Funnels, activation, retention, experiments and monetization (`growth`).
    Growth,
    /// Data platforms, BI, metrics layers, pipelines and governance (`data`).
    Data,
    /// Models, evaluation, labeling, prompts and responsible AI (`ai-ml`).
    AiMl,
    /// New ventures: product-market fit, MVPs, pivots and ambiguity (`zero-to-one`).
    ZeroToOne,
    /// An industry or vertical: regulation, compliance, fintech, health (`domain`).
    Domain,
}

impl Specialization {
    /// All specializations, in the order of DOMAIN.md's table (`core` first).
    pub const ALL: [Specialization; 8] = [
        Specialization::Core,
        Specialization::Platform,
        Specialization::Technical,
        Specialization::Growth,
        Specialization::Data,
        Specialization::AiMl,
        Specialization::ZeroToOne,
        Specialization::Domain,
    ];

    /// The stable id used in JSON output, configuration and lexicon files, e.g. `ai-ml`.
    pub fn id(self) -> &'static str {
        match self {
            Specialization::Core => "core",
            Specialization::Platform => "platform",
            Specialization::Technical => "technical",
            Specialization::Growth => "growth",
            Specialization::Data => "data",
            Specialization::AiMl => "ai-ml",
            Specialization::ZeroToOne => "zero-to-one",
            Specialization::Domain => "domain",
        }
    }
}

/// What a piece of evidence argues for: `level:<id>`, `track:<id>` or `specialization:<id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// Evidence for a level (`level:<id>`).
    Level(Level),
    /// Evidence for a track (`track:<id>`).
    Track(Track),
    /// Evidence for a specialization (`specialization:<id>`).
    Specialization(Specialization),
}

macro_rules! impl_id_traits {
    ($ty:ty, $what:literal) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }

        impl FromStr for $ty {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, String> {
                <$ty>::ALL.into_iter().find(|v| v.id() == s).ok_or_else(|| {
                    let known: Vec<_> = <$ty>::ALL.iter().map(|v| v.id()).collect();
                    format!("unknown {} id `{s}` (known: {})", $what, known.join(", "))
                })
            }
        }
    };
}

impl_id_traits!(Level, "level");
impl_id_traits!(Track, "track");
impl_id_traits!(Specialization, "specialization");

impl Target {
    /// The id used in JSON output and lexicon files, `level:pm`: a static string, because every
    /// piece of evidence in the output writes one.
    pub fn id(self) -> &'static str {
        match self {
            Target::Level(Level::Associate) => "level:associate",
            Target::Level(Level::Pm) => "level:pm",
            Target::Level(Level::Senior) => "level:senior",
            Target::Level(Level::Principal) => "level:principal",
            Target::Level(Level::Group) => "level:group",
            Target::Level(Level::Director) => "level:director",
            Target::Level(Level::Vp) => "level:vp",
            Target::Level(Level::Cpo) => "level:cpo",
            Target::Track(Track::Ic) => "track:ic",
            Target::Track(Track::Manager) => "track:manager",
            Target::Specialization(Specialization::Core) => "specialization:core",
            Target::Specialization(Specialization::Platform) => "specialization:platform",
            Target::Specialization(Specialization::Technical) => "specialization:technical",
            Target::Specialization(Specialization::Growth) => "specialization:growth",
            Target::Specialization(Specialization::Data) => "specialization:data",
            Target::Specialization(Specialization::AiMl) => "specialization:ai-ml",
            Target::Specialization(Specialization::ZeroToOne) => "specialization:zero-to-one",
            Target::Specialization(Specialization::Domain) => "specialization:domain",
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Target {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (kind, id) = s.split_once(':').ok_or_else(|| {
            format!("`{s}` is not of the form `level:<id>`, `track:<id>` or `specialization:<id>`")
        })?;
        match kind {
            "level" => id.parse().map(Target::Level),
            "track" => id.parse().map(Target::Track),
            "specialization" => id.parse().map(Target::Specialization),
            _ => Err(format!(
                "unknown target kind `{kind}` in `{s}` (known: level, track, specialization)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_tracks_follow_the_domain_table() {
        let table: Vec<_> = Level::ALL
            .iter()
            .map(|l| (l.id(), l.rank(), l.track().id()))
            .collect();
        assert_eq!(
            table,
            vec![
                ("associate", 1, "ic"),
                ("pm", 2, "ic"),
                ("senior", 3, "ic"),
                ("principal", 4, "ic"),
                ("group", 4, "manager"),
                ("director", 5, "manager"),
                ("vp", 6, "manager"),
                ("cpo", 7, "manager"),
            ]
        );
    }

    #[test]
    fn a_target_id_is_its_kind_and_its_value_id() {
        let targets = (Level::ALL.map(|l| (Target::Level(l), format!("level:{}", l.id()))))
            .into_iter()
            .chain(Track::ALL.map(|t| (Target::Track(t), format!("track:{}", t.id()))))
            .chain(Specialization::ALL.map(|s| {
                (
                    Target::Specialization(s),
                    format!("specialization:{}", s.id()),
                )
            }));
        for (target, id) in targets {
            assert_eq!(target.id(), id);
            assert_eq!(id.parse::<Target>(), Ok(target));
        }
    }

    #[test]
    fn from_rank_inverts_rank_and_track() {
        for level in Level::ALL {
            assert_eq!(Level::from_rank(level.rank(), level.track()), Some(level));
        }
        assert_eq!(Level::from_rank(0, Track::Ic), None);
        assert_eq!(Level::from_rank(8, Track::Manager), None);
    }

    #[test]
    fn targets_round_trip_and_reject_unknown_ids() {
        for s in ["level:senior", "track:manager", "specialization:ai-ml"] {
            assert_eq!(s.parse::<Target>().unwrap().to_string(), s);
        }
        let err = "level:seniour".parse::<Target>().unwrap_err();
        assert!(err.contains("unknown level id `seniour`"), "{err}");
        assert!("levels:pm".parse::<Target>().is_err());
        assert!("pm".parse::<Target>().is_err());
    }
}
