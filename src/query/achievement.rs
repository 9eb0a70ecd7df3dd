//! KPI judgements: was each target met, and for a target still ahead, is the trajectory enough?
//!
//! A target is judged as printed: its comparator (`以上`, `未満`, `程度` …), its range, and its
//! aggregate (`毎年度` on every year, `平均` on the mean over its span, a total over its span).
//!
//! - A target whose year has come (or that has an actual of its year) is 達成 or 未達成.
//! - A target without a year stands every year: it is judged on the latest actual.
//! - A target still ahead is 達成 when the latest actual already meets it; otherwise its
//!   trajectory is judged with the Open SDG / Statistics Canada method:
//!   observed CAGR = (y_i / y_0)^(1/(t_i − t_0)) − 1, required CAGR = (y_T / y_0)^(1/(t_T − t_0)) − 1,
//!   R = observed / required; R ≥ 0.95 順調, 0.6 ≤ R < 0.95 加速が必要, 0 ≤ R < 0.6 進捗が限定的,
//!   R < 0 悪化. Where a value is zero or negative the growth rate means nothing, so the linear
//!   rates (change per year) take its place.
//!
//! The direction of good is the KPI's `direction`, else the comparator's. Where neither says, a
//! trajectory still has a direction of travel, from the first actual towards the target; a
//! target with neither and no first actual cannot be judged (判定できない, with the reason).
//! An 「…又は…」 target is one target, met when either branch is met; each branch keeps its own
//! status ([`judge`], [`EitherOr`]).
//!
//! Nothing claims more than the report: a later year's target reached early is
//! [`Status::LevelReached`], never 達成; a target with no printed year is never 未達成
//! ([`Status::Undated`]); 「概ね」 beyond its tolerance with no direction cannot be judged.

use crate::model::{Aggregate, Comparator, Direction, Kpi, KpiPoint, PointKind, Report};

keyed! {
    /// A target's verdict. The key is its value in URLs and data attributes.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Status {
        Achieved => "achieved", "達成";
        /// A later year's target (or one with no printed year) whose level the latest actual
        /// already reaches: never 達成 of a target whose year has not come.
        LevelReached => "level_reached", "目標水準に到達済み";
        /// A target whose year has come, missed.
        NotAchieved => "not_achieved", "未達成";
        /// A target ahead: R ≥ 0.95 (or an average to date that meets it).
        OnTrack => "on_track", "順調";
        /// 0.6 ≤ R < 0.95.
        AccelerationNeeded => "acceleration_needed", "加速が必要";
        /// 0 ≤ R < 0.6.
        LimitedProgress => "limited_progress", "進捗が限定的";
        /// R < 0: moving away from the target.
        Deterioration => "deterioration", "悪化";
        /// A target with no printed year, not reached yet: the report sets no date by which it
        /// is missed, so the distance is shown and no 未達成.
        Undated => "undated", "目標年度の記載なし";
        /// A target whose year has come, without a result printed.
        NoResult => "no_result", "実績の記載なし";
        /// Not enough to judge; [`Judgement::reason`] says why.
        CannotJudge => "cannot_judge", "判定できない";
        /// Results only: the report sets no numeric target.
        NoTarget => "no_target", "目標なし（実績のみ）";
    }
}

impl Status {
    /// `◎ 達成`: the mark and the words, so colour is never the only cue.
    pub fn display_ja(self) -> String {
        format!("{} {}", self.mark(), self.label_ja())
    }

    /// Text mark printed with the label, so colour is never the only cue.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Achieved => "◎",
            Status::NotAchieved => "▲",
            Status::LevelReached => "○",
            Status::Undated => "－",
            Status::OnTrack => "○",
            Status::AccelerationNeeded => "△",
            Status::LimitedProgress => "▽",
            Status::Deterioration => "×",
            Status::NoResult | Status::CannotJudge => "－",
            Status::NoTarget => "・",
        }
    }

    /// A future target whose trajectory falls short.
    pub fn falls_short(self) -> bool {
        matches!(self, Status::AccelerationNeeded | Status::LimitedProgress | Status::Deterioration)
    }

    /// What the status means, for the help page: one rule per status, thresholds included.
    pub fn rule_ja(self) -> String {
        match self {
            Status::Achieved => "目標年度を迎え、その年度の実績が目標を満たした".into(),
            Status::LevelReached => "目標年度はまだ先（または記載なし）だが、最新の実績がすでに目標の水準に届いている。「達成」とはしない".into(),
            Status::NotAchieved => "目標年度を迎え、その年度の実績が目標を満たさなかった（「又は」の目標は、どちらの条件も満たさないとき）".into(),
            Status::OnTrack => format!("目標年度は先で、R が {ON_TRACK_R} 以上"),
            Status::AccelerationNeeded => format!("R が {ACCELERATION_R} 以上 {ON_TRACK_R} 未満"),
            Status::LimitedProgress => format!("R が 0 以上 {ACCELERATION_R} 未満"),
            Status::Deterioration => "R が 0 未満（目標から遠ざかっている）".into(),
            Status::Undated => "目標の年度が書かれていない。最新の実績との差を示し、未達成とはしない".into(),
            Status::NoResult => "目標年度を迎えたが、実績が記載されていない（ゼロという意味ではない）".into(),
            Status::CannotJudge => "実績が1時点だけ、増減のどちらがよいかが書かれていない、など。理由を添えて示し、差は示さない".into(),
            Status::NoTarget => "数値目標の記載がなく、実績だけが記載されている".into(),
        }
    }

    /// The group of the overview's bars and the heatmap's KPI measure.
    pub fn group(self) -> VerdictGroup {
        VerdictGroup::of(self)
    }

    /// Is this a verdict on the figures? No for a missing result, a target that cannot be
    /// judged, one without a year, and results without a target: those sort after every verdict.
    pub fn is_verdict(self) -> bool {
        !matches!(self, Status::NoResult | Status::CannotJudge | Status::Undated | Status::NoTarget)
    }

    /// Most serious first: missed, then trajectories that fall short, then good news, then
    /// everything that is no verdict (判定できない sorts after everything judged, in every order).
    pub fn severity(self) -> u8 {
        match self {
            Status::NotAchieved => 0,
            Status::Deterioration => 1,
            Status::LimitedProgress => 2,
            Status::AccelerationNeeded => 3,
            Status::OnTrack => 4,
            Status::LevelReached => 5,
            Status::Achieved => 6,
            Status::Undated => 7,
            Status::NoResult => 8,
            Status::CannotJudge => 9,
            Status::NoTarget => 10,
        }
    }

}

keyed! {
    /// The four groups a pillar's bar shows. Every status is in exactly one (the match in
    /// `of` is exhaustive, so a new status cannot fall out of the bars).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum VerdictGroup {
        /// 達成, 目標水準に到達済み, 順調.
        Reached => "reached", "達成・到達済み・順調";
        /// 未達成, and trajectories that fall short.
        Behind => "behind", "未達成・遅れ";
        /// No verdict: no year, no result, cannot be judged.
        Unjudged => "unjudged", "判定できない・年度や実績の記載なし";
        NoTarget => "no_target", "目標なし";
    }
}

impl VerdictGroup {
    fn of(s: Status) -> VerdictGroup {
        match s {
            Status::Achieved | Status::LevelReached | Status::OnTrack => VerdictGroup::Reached,
            Status::NotAchieved | Status::AccelerationNeeded | Status::LimitedProgress | Status::Deterioration => VerdictGroup::Behind,
            Status::Undated | Status::NoResult | Status::CannotJudge => VerdictGroup::Unjudged,
            Status::NoTarget => VerdictGroup::NoTarget,
        }
    }
}

/// Why a target could not be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// No actual printed yet for a target ahead.
    NoActual,
    /// One actual: no trajectory.
    SingleActual,
    /// Neither the KPI, the comparator nor a first actual says which way is better.
    NoDirection,
    /// The first actual equals the target: no required change to compare with.
    BaseEqualsTarget,
    /// A total over a span with actuals for only some of its years.
    IncompleteSpan,
}

impl Reason {
    pub fn label_ja(self) -> &'static str {
        match self {
            Reason::NoActual => "実績がまだ記載されていない",
            Reason::SingleActual => "実績が1時点のみで推移を評価できない",
            Reason::NoDirection => "増減のどちらがよいかの記載がない",
            Reason::BaseEqualsTarget => "基準値が目標値と同じで必要な伸びがない",
            Reason::IncompleteSpan => "期間の一部の年度の実績しか記載がない",
        }
    }
}

/// How the judged figure was compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// One actual against the target.
    Level,
    /// Every year's actual against the target (`毎年度`).
    EachYear,
    /// The mean of the span's actuals (printed or computed).
    Average,
    /// The sum of the span's actuals.
    Total,
    /// Growth rates (CAGR) from the first to the latest actual.
    Cagr,
    /// Changes per year, where a value is zero or negative.
    Linear,
}

/// Actual minus target, in the KPI's unit and as a share of the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    pub difference: f64,
    /// `difference / |target|`; `None` for a zero target.
    pub share: Option<f64>,
}

/// One target and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement<'a> {
    pub target: &'a KpiPoint,
    /// The actual it was judged against: the one of its year, the latest, the printed average,
    /// or the year that missed an each-year target.
    pub actual: Option<&'a KpiPoint>,
    pub status: Status,
    /// The figure compared with the target (an average or a total where the target says so).
    pub observed: Option<f64>,
    pub gap: Option<Gap>,
    /// Percentage of the target reached, oriented so that 100 or more means met
    /// (for `decrease`: target ÷ actual).
    pub percent: Option<f64>,
    /// R = observed / required growth, for a target ahead.
    pub ratio: Option<f64>,
    /// The first actual a trajectory was measured from (for explaining R).
    pub base: Option<&'a KpiPoint>,
    pub method: Method,
    pub reason: Option<Reason>,
    /// For a branch of an 「…又は…」 target: the other branch and what became of it. The
    /// target is one target, met when either branch is; `status` stays this figure's own.
    pub either: Option<EitherOr>,
    /// The KPI whose targets were used, when this KPI prints none and measures the same thing
    /// (same label and unit) as one that does.
    pub targets_from: Option<&'a Kpi>,
}

/// The other branch of an 「…又は…」 target.
#[derive(Debug, Clone, PartialEq)]
pub struct EitherOr {
    /// The KPI of the other branch.
    pub other: String,
    pub other_label: String,
    pub other_status: Status,
}

impl Judgement<'_> {
    /// `達成`, `目標水準に到達済み（令和7年度の目標）`, or
    /// `判定できない（実績が1時点のみで推移を評価できない）`.
    pub fn label_ja(&self) -> String {
        match (self.reason, self.status, self.target.fiscal_year) {
            (Some(r), _, _) => format!("{}（{}）", self.status.label_ja(), r.label_ja()),
            (None, Status::LevelReached, Some(y)) => format!("{}（{}の目標）", self.status.label_ja(), crate::fiscal::era_label(y)),
            _ => self.status.label_ja().to_string(),
        }
    }

    /// Is the target met (or its level reached) by either branch?
    pub fn target_reached(&self) -> bool {
        let reached = |s: Status| matches!(s, Status::Achieved | Status::LevelReached);
        reached(self.status) || self.either.as_ref().is_some_and(|e| reached(e.other_status))
    }

    /// Does the report's own figures and years support calling this target missed? Not when
    /// the other branch of an either-or target reached it.
    pub fn missed(&self) -> bool {
        self.status == Status::NotAchieved && !self.target_reached()
    }
}

/// The tolerance of `程度`/`概ね`: within 5% of the figure.
const ABOUT: f64 = 0.05;

/// Which way is better for this target: the KPI's direction, else its comparator's.
fn direction_of_good(kpi: &Kpi, target: &KpiPoint) -> Option<Direction> {
    kpi.direction.or(match target.comparator {
        Some(Comparator::AtLeast | Comparator::Above) => Some(Direction::Increase),
        Some(Comparator::AtMost | Comparator::Below) => Some(Direction::Decrease),
        _ => None,
    })
}

/// Does `value` meet `target`? `None` when nothing says which side is good.
fn meets(target: &KpiPoint, value: f64, direction: Option<Direction>) -> Option<bool> {
    let t = target.value;
    let within_upper = target.upper.is_none_or(|u| value <= u);
    Some(match target.comparator {
        Some(Comparator::AtLeast) => value >= t && within_upper,
        Some(Comparator::Above) => value > t && within_upper,
        Some(Comparator::AtMost) => value <= t,
        Some(Comparator::Below) => value < t,
        Some(Comparator::Equal) => value == t,
        Some(Comparator::About) => {
            let close = (value - t).abs() <= ABOUT * t.abs();
            // Beyond the tolerance, only a direction says whether overshooting is good:
            // without one, 25 against 「概ね20％」 cannot be judged.
            match direction {
                _ if close => true,
                Some(Direction::Increase) => value > t,
                Some(Direction::Decrease) => value < t,
                None => return None,
            }
        }
        None => match direction? {
            Direction::Increase => value >= t,
            Direction::Decrease => value <= t,
        },
    })
}

fn percent(direction: Option<Direction>, actual: f64, target: f64) -> Option<f64> {
    let (num, den) = match direction {
        Some(Direction::Decrease) => (target, actual),
        _ => (actual, target),
    };
    (den != 0.0 && num.is_finite() && den.is_finite()).then(|| num / den * 100.0)
}

fn gap(observed: f64, target: f64) -> Gap {
    let difference = observed - target;
    Gap { difference, share: (target != 0.0).then(|| difference / target.abs()) }
}

/// Yearly actuals (no printed averages), one per fiscal year: the last printed of each year.
fn yearly(kpi: &Kpi) -> Vec<(i32, &KpiPoint)> {
    let mut out: Vec<(i32, &KpiPoint)> = Vec::new();
    let mut actuals: Vec<&KpiPoint> =
        kpi.series.iter().filter(|p| p.kind == PointKind::Actual && p.aggregate.is_none() && p.fiscal_year.is_some()).collect();
    actuals.sort_by_key(|p| (p.fiscal_year, p.line));
    for p in actuals {
        let y = p.fiscal_year.unwrap_or_default();
        match out.last_mut() {
            Some(last) if last.0 == y => *last = (y, p),
            _ => out.push((y, p)),
        }
    }
    out
}

struct Ctx<'a> {
    /// The KPI whose actuals are judged.
    kpi: &'a Kpi,
    /// The KPI whose targets they are judged against: `kpi`, or a linked one.
    targets_of: &'a Kpi,
    report_year: i32,
    yearly: Vec<(i32, &'a KpiPoint)>,
}

impl<'a> Ctx<'a> {
    fn judgement(&self, target: &'a KpiPoint, actual: Option<&'a KpiPoint>, status: Status, observed: Option<f64>, method: Method) -> Judgement<'a> {
        let dir = self.direction(target);
        Judgement {
            target,
            actual,
            status,
            observed,
            gap: observed.map(|o| gap(o, target.value)),
            percent: observed.and_then(|o| percent(dir, o, target.value)),
            ratio: None,
            base: None,
            method,
            reason: None,
            either: None,
            targets_from: (self.targets_of.id != self.kpi.id).then_some(self.targets_of),
        }
    }

    fn cannot(&self, target: &'a KpiPoint, actual: Option<&'a KpiPoint>, reason: Reason, method: Method) -> Judgement<'a> {
        let mut j = self.judgement(target, actual, Status::CannotJudge, actual.map(|a| a.value), method);
        // No verdict, so no distance either: a gap would rank and read as one.
        j.gap = None;
        j.percent = None;
        j.reason = Some(reason);
        j
    }

    /// From a base (the first actual before the target's year) towards the target, where the
    /// report says nothing of good. An actual of the target's own year is no base.
    fn travel(&self, target: &KpiPoint) -> Option<Direction> {
        let (_, first) = match target.fiscal_year {
            Some(year) => self.yearly.iter().find(|(y, _)| *y < year)?,
            None if self.yearly.len() >= 2 => self.yearly.first()?,
            None => return None,
        };
        if target.value > first.value {
            Some(Direction::Increase)
        } else if target.value < first.value {
            Some(Direction::Decrease)
        } else {
            None
        }
    }

    fn direction(&self, target: &KpiPoint) -> Option<Direction> {
        direction_of_good(self.kpi, target)
            .or_else(|| direction_of_good(self.targets_of, target))
            .or_else(|| self.travel(target))
    }

    fn met(&self, target: &'a KpiPoint, actual: &'a KpiPoint, method: Method) -> Judgement<'a> {
        match meets(target, actual.value, self.direction(target)) {
            Some(true) => self.judgement(target, Some(actual), Status::Achieved, Some(actual.value), method),
            Some(false) => self.judgement(target, Some(actual), Status::NotAchieved, Some(actual.value), method),
            None => self.cannot(target, Some(actual), Reason::NoDirection, method),
        }
    }

    fn judge_target(&self, target: &'a KpiPoint) -> Judgement<'a> {
        match target.aggregate {
            Some(Aggregate::EachYear) => self.each_year(target),
            Some(Aggregate::Average) => self.average(target),
            Some(Aggregate::Total) => self.total(target),
            None => self.level(target),
        }
    }

    /// Actual years inside the target's span (both ends optional).
    fn in_span(&self, target: &KpiPoint) -> Vec<(i32, &'a KpiPoint)> {
        let [from, to] = target.span.unwrap_or([None, None]);
        self.yearly.iter().copied().filter(|(y, _)| from.is_none_or(|f| *y >= f) && to.is_none_or(|t| *y <= t)).collect()
    }

    fn span_ended(&self, target: &KpiPoint) -> bool {
        target.span.and_then(|s| s[1]).is_some_and(|to| to <= self.report_year)
    }

    fn each_year(&self, target: &'a KpiPoint) -> Judgement<'a> {
        let years = self.in_span(target);
        let Some(&(_, latest)) = years.last() else {
            let started = target.span.and_then(|s| s[0]).is_none_or(|from| from <= self.report_year);
            return if started {
                self.judgement(target, None, Status::NoResult, None, Method::EachYear)
            } else {
                self.cannot(target, None, Reason::NoActual, Method::EachYear)
            };
        };
        let dir = self.direction(target);
        for &(_, a) in &years {
            match meets(target, a.value, dir) {
                Some(true) => {}
                Some(false) => return self.judgement(target, Some(a), Status::NotAchieved, Some(a.value), Method::EachYear),
                None => return self.cannot(target, Some(a), Reason::NoDirection, Method::EachYear),
            }
        }
        let ahead = target.span.and_then(|s| s[1]).is_some_and(|to| to > self.report_year);
        let status = if ahead { Status::OnTrack } else { Status::Achieved };
        self.judgement(target, Some(latest), status, Some(latest.value), Method::EachYear)
    }

    fn average(&self, target: &'a KpiPoint) -> Judgement<'a> {
        let years = self.in_span(target);
        if years.is_empty() {
            return self.cannot(target, None, Reason::NoActual, Method::Average);
        }
        // The printed average when it covers the same years, else the mean of the years.
        let printed = self.kpi.series.iter().find(|p| {
            p.kind == PointKind::Actual
                && p.aggregate == Some(Aggregate::Average)
                && p.span.is_some_and(|s| s[0] == years.first().map(|y| y.0) && s[1] == years.last().map(|y| y.0))
        });
        let mean = years.iter().map(|(_, p)| p.value).sum::<f64>() / years.len() as f64;
        let observed = printed.map_or(mean, |p| p.value);
        let ended = self.span_ended(target);
        let status = match meets(target, observed, self.direction(target)) {
            None => return self.cannot(target, printed, Reason::NoDirection, Method::Average),
            Some(true) if ended => Status::Achieved,
            Some(false) if ended => Status::NotAchieved,
            Some(true) => Status::OnTrack,
            Some(false) => Status::AccelerationNeeded,
        };
        self.judgement(target, printed.or(years.last().map(|y| y.1)), status, Some(observed), Method::Average)
    }

    fn total(&self, target: &'a KpiPoint) -> Judgement<'a> {
        let years = self.in_span(target);
        let Some(&(_, latest)) = years.last() else {
            return self.cannot(target, None, Reason::NoActual, Method::Total);
        };
        let sum: f64 = years.iter().map(|(_, p)| p.value).sum();
        let dir = self.direction(target);
        let [from, to] = target.span.unwrap_or([None, None]);
        if meets(target, sum, dir) == Some(true) {
            let status = if self.span_ended(target) { Status::Achieved } else { Status::LevelReached };
            return self.judgement(target, Some(latest), status, Some(sum), Method::Total);
        }
        if self.span_ended(target) {
            return self.judgement(target, Some(latest), Status::NotAchieved, Some(sum), Method::Total);
        }
        // Pro rata: the yearly pace so far against the pace the total needs.
        let (Some(from), Some(to)) = (from, to) else {
            return self.cannot(target, Some(latest), Reason::IncompleteSpan, Method::Total);
        };
        let elapsed = (from..=self.report_year.min(to)).count();
        if years.len() < elapsed || elapsed == 0 {
            return self.cannot(target, Some(latest), Reason::IncompleteSpan, Method::Total);
        }
        let pace = sum / elapsed as f64;
        let needed = target.value / (to - from + 1) as f64;
        let mut j = self.judgement(target, Some(latest), Status::OnTrack, Some(sum), Method::Total);
        if needed == 0.0 {
            return self.cannot(target, Some(latest), Reason::BaseEqualsTarget, Method::Total);
        }
        let r = pace / needed;
        j.ratio = Some(r);
        j.status = category(r);
        j
    }

    fn level(&self, target: &'a KpiPoint) -> Judgement<'a> {
        let Some(year) = target.fiscal_year else {
            // No printed year: the latest actual shows the distance, but no date has passed by
            // which the target is missed.
            return match self.yearly.last() {
                Some(&(_, a)) => {
                    let mut j = self.met(target, a, Method::Level);
                    j.status = match j.status {
                        Status::Achieved => Status::LevelReached,
                        Status::NotAchieved => Status::Undated,
                        other => other,
                    };
                    j
                }
                None => self.judgement(target, None, Status::NoResult, None, Method::Level),
            };
        };
        if let Some(&(_, a)) = self.yearly.iter().find(|(y, _)| *y == year) {
            return self.met(target, a, Method::Level);
        }
        if year <= self.report_year {
            return self.judgement(target, None, Status::NoResult, None, Method::Level);
        }
        self.trajectory(target, year)
    }

    /// A target ahead (`year` > the report's year).
    fn trajectory(&self, target: &'a KpiPoint, year: i32) -> Judgement<'a> {
        let before: Vec<(i32, &KpiPoint)> = self.yearly.iter().copied().filter(|(y, _)| *y < year).collect();
        let Some(&(ti, latest)) = before.last() else {
            return self.cannot(target, None, Reason::NoActual, Method::Level);
        };
        let Some(dir) = self.direction(target) else {
            // There is a base before the year, so only a base equal to the target leaves no way.
            return self.cannot(target, Some(latest), Reason::BaseEqualsTarget, Method::Level);
        };
        if meets(target, latest.value, Some(dir)) == Some(true) {
            // Reached early: the year of the target has not come, so it is no 達成 yet.
            return self.judgement(target, Some(latest), Status::LevelReached, Some(latest.value), Method::Level);
        }
        let (t0, first) = before[0];
        if before.len() < 2 || ti == t0 {
            return self.cannot(target, Some(latest), Reason::SingleActual, Method::Level);
        }
        if meets(target, first.value, Some(dir)) == Some(true) {
            // The base had already met the target and the latest no longer does.
            let mut j = self.judgement(target, Some(latest), Status::Deterioration, Some(latest.value), Method::Level);
            j.ratio = None;
            return j;
        }
        let (y0, yi, yt) = (first.value, latest.value, target_level(target, dir));
        if yt == y0 {
            return self.cannot(target, Some(latest), Reason::BaseEqualsTarget, Method::Level);
        }
        let (observed, required, method) = if y0 > 0.0 && yi > 0.0 && yt > 0.0 {
            let cagr = |to: f64, years: i32| (to / y0).powf(1.0 / years as f64) - 1.0;
            (cagr(yi, ti - t0), cagr(yt, year - t0), Method::Cagr)
        } else {
            ((yi - y0) / (ti - t0) as f64, (yt - y0) / (year - t0) as f64, Method::Linear)
        };
        // Both rates point the same way when moving towards the target, so R is positive then.
        let r = observed / required;
        let mut j = self.judgement(target, Some(latest), category(r), Some(latest.value), method);
        j.ratio = Some(r);
        j.base = Some(first);
        j
    }
}

/// The level a trajectory aims at: the bound on the side it is reached from.
fn target_level(target: &KpiPoint, dir: Direction) -> f64 {
    match (dir, target.upper) {
        (Direction::Decrease, Some(upper)) => upper,
        _ => target.value,
    }
}

/// R at or above which a trajectory is 順調 (Open SDG).
pub const ON_TRACK_R: f64 = 0.95;
/// R at or above which a trajectory short of 順調 is 加速が必要 rather than 進捗が限定的.
pub const ACCELERATION_R: f64 = 0.6;

/// Open SDG categories of R.
pub fn category(r: f64) -> Status {
    if r >= ON_TRACK_R {
        Status::OnTrack
    } else if r >= ACCELERATION_R {
        Status::AccelerationNeeded
    } else if r >= 0.0 {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    }
}

/// Every target of `kpi` judged on its own, outside its report (no linked KPI, no other branch),
/// as of `report_year`: the rules by themselves, for their unit tests. Screens use [`judge`].
pub(crate) fn judge_alone(kpi: &Kpi, report_year: i32) -> Vec<Judgement<'_>> {
    judge_against(kpi, kpi, report_year)
}

/// The actuals of `kpi` against the targets of `targets_of`.
fn judge_against<'a>(kpi: &'a Kpi, targets_of: &'a Kpi, report_year: i32) -> Vec<Judgement<'a>> {
    let cx = Ctx { kpi, targets_of, report_year, yearly: yearly(kpi) };
    targets_of.series.iter().filter(|p| p.kind == PointKind::Target).map(|t| cx.judge_target(t)).collect()
}

/// Other KPIs of the report that measure the same thing: the same label and unit (the RPA
/// robots count, printed under four initiatives), in plan order.
pub fn same_measure<'a>(report: &'a Report, kpi: &'a Kpi) -> impl Iterator<Item = &'a Kpi> + 'a {
    report.kpis.iter().filter(move |k| k.id != kpi.id && k.label == kpi.label && k.unit == kpi.unit)
}

/// [`judge`] within the report: a KPI that prints no target takes the targets of a KPI that
/// measures the same thing, and a branch of an 「…又は…」 target learns what became of the other.
pub fn judge<'a>(report: &'a Report, kpi: &'a Kpi) -> Vec<Judgement<'a>> {
    let year = report.report.fiscal_year;
    let has_targets = |k: &Kpi| k.series.iter().any(|p| p.kind == PointKind::Target);
    let targets_of = if has_targets(kpi) { kpi } else { same_measure(report, kpi).find(|k| has_targets(k)).unwrap_or(kpi) };
    let mut judged = judge_against(kpi, targets_of, year);
    for j in judged.iter_mut() {
        let Some(other) = j.target.alternative.as_deref().and_then(|id| report.kpi(id)) else { continue };
        let other_status = judge_alone(other, year)
            .into_iter()
            .find(|o| o.target.fiscal_year == j.target.fiscal_year && o.target.line == j.target.line)
            .map_or(Status::CannotJudge, |o| o.status);
        j.either = Some(EitherOr { other: other.id.clone(), other_label: other.label.clone(), other_status });
    }
    judged
}

/// The judgement that sums a KPI up: a miss first (it is news; the latest one); else the
/// latest verdict on a target whose year has come (the report's own year where printed);
/// else the nearest later target with a verdict; else what is left, latest first.
pub fn headline<'j, 'a>(judged: &'j [Judgement<'a>], report_year: i32) -> Option<&'j Judgement<'a>> {
    let due = |j: &&Judgement| (j.target.fiscal_year.unwrap_or(i32::MIN), j.target.line);
    let come = |j: &&Judgement| j.target.fiscal_year.is_none_or(|y| y <= report_year);
    let verdict = |j: &&Judgement| j.status.is_verdict();
    judged
        .iter()
        .filter(|j| j.missed())
        .max_by_key(due)
        .or_else(|| judged.iter().filter(verdict).filter(come).max_by_key(due))
        .or_else(|| judged.iter().filter(verdict).min_by_key(due))
        .or_else(|| judged.iter().filter(|j| j.status == Status::Undated).max_by_key(due))
        .or_else(|| judged.iter().filter(|j| j.status == Status::NoResult).max_by_key(due))
        .or_else(|| judged.iter().max_by_key(due))
}

/// The status of [`headline`]; [`Status::NoTarget`] without targets.
pub fn summarize(judged: &[Judgement], report_year: i32) -> Status {
    headline(judged, report_year).map_or(Status::NoTarget, |j| j.status)
}

#[cfg(test)]
fn overall_alone(kpi: &Kpi, report_year: i32) -> Status {
    summarize(&judge_alone(kpi, report_year), report_year)
}

/// [`summarize`] of [`judge`].
pub fn overall(report: &Report, kpi: &Kpi) -> Status {
    summarize(&judge(report, kpi), report.report.fiscal_year)
}

/// KPIs an executive should look at: targets missed, and targets ahead whose trajectory falls
/// short. Each KPI is listed once (a repeated row shares its original's KPIs), in plan order.
#[derive(Debug, Clone, PartialEq)]
pub struct Attention<'a> {
    pub missed: Vec<(&'a Kpi, Judgement<'a>)>,
    pub falling_short: Vec<(&'a Kpi, Judgement<'a>)>,
}

/// Only what the report's figures and years support: a target whose year has come and that
/// neither branch met; targets borrowed from a KPI of the same measure are listed under that
/// KPI, not again under each of its copies.
pub fn attention(report: &Report) -> Attention<'_> {
    let mut missed = Vec::new();
    let mut falling_short = Vec::new();
    for k in &report.kpis {
        for j in judge(report, k).into_iter().filter(|j| j.targets_from.is_none()) {
            if j.missed() {
                missed.push((k, j));
            } else if j.status.falls_short() && !j.target_reached() {
                falling_short.push((k, j));
            }
        }
    }
    Attention { missed, falling_short }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KpiOrigin;

    fn point(kind: PointKind, year: Option<i32>, value: f64) -> KpiPoint {
        KpiPoint::new(kind, year.map(crate::fiscal::era_short), year, value, 1, String::new())
    }

    fn target(year: Option<i32>, value: f64, comparator: Option<Comparator>) -> KpiPoint {
        KpiPoint { comparator, ..point(T, year, value) }
    }

    fn kpi(direction: Option<Direction>, series: Vec<KpiPoint>) -> Kpi {
        Kpi { id: "k".into(), initiative: "i".into(), label: "l".into(), unit: "件".into(), direction, series, origin: KpiOrigin::Extracted }
    }

    use PointKind::{Actual as A, Target as T};

    #[test]
    fn increase_met_and_missed() {
        let k = kpi(Some(Direction::Increase), vec![point(T, Some(2023), 50.0), point(A, Some(2023), 87.0)]);
        let j = judge_alone(&k, 2023);
        assert_eq!(j[0].status, Status::Achieved);
        assert_eq!(j[0].percent.map(|p| p.round()), Some(174.0));
        assert_eq!(j[0].gap, Some(Gap { difference: 37.0, share: Some(0.74) }));
        let k = kpi(Some(Direction::Increase), vec![point(T, Some(2023), 60.0), point(A, Some(2023), 59.9)]);
        assert_eq!(overall_alone(&k, 2023), Status::NotAchieved);
    }

    #[test]
    fn comparators_decide_met() {
        let at_least = kpi(None, vec![target(Some(2025), 99.0, Some(Comparator::AtLeast)), point(A, Some(2023), 99.0)]);
        assert_eq!(judge_alone(&at_least, 2023)[0].status, Status::LevelReached, "99.0 reaches 99％以上 before its year: no 達成 yet");
        let below = kpi(None, vec![target(Some(2023), 10.0, Some(Comparator::Below)), point(A, Some(2023), 10.0)]);
        assert_eq!(judge_alone(&below, 2023)[0].status, Status::NotAchieved, "10 is not 10未満");
        let above = kpi(None, vec![target(Some(2023), 10.0, Some(Comparator::Above)), point(A, Some(2023), 10.5)]);
        assert_eq!(judge_alone(&above, 2023)[0].status, Status::Achieved);
        let about = kpi(None, vec![target(None, 20.0, Some(Comparator::About)), point(A, Some(2022), 15.1)]);
        let j = &judge_alone(&about, 2023)[0];
        assert_eq!((j.status, j.reason), (Status::CannotJudge, Some(Reason::NoDirection)), "15.1 is not about 20, and nothing says which side is good");
        let about_up = kpi(Some(Direction::Increase), vec![target(None, 20.0, Some(Comparator::About)), point(A, Some(2022), 15.1)]);
        assert_eq!(judge_alone(&about_up, 2023)[0].status, Status::Undated, "below 概ね20％ with no year: a distance, not a miss");
        let above = kpi(None, vec![target(Some(2023), 20.0, Some(Comparator::About)), point(A, Some(2023), 25.0)]);
        assert_eq!(judge_alone(&above, 2023)[0].reason, Some(Reason::NoDirection), "25 against 概ね20％ with no direction");
        let above_up = kpi(Some(Direction::Increase), vec![target(Some(2023), 20.0, Some(Comparator::About)), point(A, Some(2023), 25.0)]);
        assert_eq!(judge_alone(&above_up, 2023)[0].status, Status::Achieved, "25 beyond 概ね20％ in the good direction");
        let about = kpi(None, vec![target(None, 20.0, Some(Comparator::About)), point(A, Some(2022), 19.2)]);
        assert_eq!(judge_alone(&about, 2023)[0].status, Status::LevelReached, "19.2 is within 5% of 20, no year printed");
    }

    #[test]
    fn a_range_is_met_between_its_bounds() {
        let range = |actual: f64| {
            let t = KpiPoint { upper: Some(60.0), ..target(Some(2023), 40.0, Some(Comparator::AtLeast)) };
            kpi(None, vec![t, point(A, Some(2023), actual)])
        };
        assert_eq!(overall_alone(&range(45.0), 2023), Status::Achieved);
        assert_eq!(overall_alone(&range(36.5), 2023), Status::NotAchieved);
        assert_eq!(overall_alone(&range(61.0), 2023), Status::NotAchieved);
    }

    #[test]
    fn decrease_is_met_at_or_below_the_target() {
        let k = kpi(Some(Direction::Decrease), vec![point(T, Some(2025), 1000.0), point(A, Some(2025), 1000.0)]);
        assert_eq!(overall_alone(&k, 2025), Status::Achieved);
        let k = kpi(Some(Direction::Decrease), vec![point(A, Some(2023), 1121.0), point(T, None, 855.0)]);
        let j = judge_alone(&k, 2023);
        assert_eq!(j[0].status, Status::Undated, "a target without a year is never missed");
        assert_eq!(j[0].gap.map(|g| g.difference), Some(266.0), "but its distance is shown");
        assert_eq!(j[0].percent.map(|p| (p * 10.0).round() / 10.0), Some(76.3));
    }

    #[test]
    fn each_year_targets_need_every_year() {
        let each = |values: &[f64], to: Option<i32>| {
            let t = KpiPoint { aggregate: Some(Aggregate::EachYear), span: to.map(|to| [None, Some(to)]), ..target(None, 180.0, Some(Comparator::AtLeast)) };
            let mut s = vec![t];
            s.extend(values.iter().enumerate().map(|(i, v)| point(A, Some(2021 + i as i32), *v)));
            kpi(None, s)
        };
        assert_eq!(overall_alone(&each(&[286.0, 508.0, 582.0], None), 2023), Status::Achieved);
        assert_eq!(overall_alone(&each(&[286.0, 170.0, 582.0], None), 2023), Status::NotAchieved);
        assert_eq!(judge_alone(&each(&[286.0, 170.0, 582.0], None), 2023)[0].actual.and_then(|a| a.fiscal_year), Some(2022));
        assert_eq!(overall_alone(&each(&[286.0, 508.0, 582.0], Some(2024)), 2023), Status::OnTrack);
        assert_eq!(overall_alone(&each(&[], Some(2024)), 2023), Status::NoResult);
    }

    #[test]
    fn average_targets_use_the_mean_over_the_span() {
        let avg = |values: &[f64], printed: Option<f64>| {
            let t = KpiPoint { aggregate: Some(Aggregate::Average), span: Some([Some(2021), Some(2025)]), ..target(Some(2025), 50.0, Some(Comparator::AtLeast)) };
            let mut s = vec![t];
            s.extend(values.iter().enumerate().map(|(i, v)| point(A, Some(2021 + i as i32), *v)));
            if let Some(p) = printed {
                s.push(KpiPoint { aggregate: Some(Aggregate::Average), span: Some([Some(2021), Some(2023)]), ..point(A, None, p) });
            }
            kpi(None, s)
        };
        // One year (63.8) would meet 50; the mean 52.4 is what counts, and the span is not over.
        let k = avg(&[43.1, 50.2, 63.8], Some(52.4));
        let j = judge_alone(&k, 2023);
        assert_eq!((j[0].status, j[0].observed, j[0].method), (Status::OnTrack, Some(52.4), Method::Average));
        let k = avg(&[43.1, 44.0, 60.0], None);
        let j = judge_alone(&k, 2023);
        assert_eq!(j[0].status, Status::AccelerationNeeded, "mean {:?} below 50 before the span ends", j[0].observed);
        let k = avg(&[43.1, 44.0, 60.0, 48.0, 49.0], None);
        assert_eq!(overall_alone(&k, 2025), Status::NotAchieved);
        let k = avg(&[43.1, 44.0, 63.8, 50.0, 51.0], None);
        assert_eq!(overall_alone(&k, 2025), Status::Achieved);
    }

    #[test]
    fn trajectory_categories() {
        // Base 100 in 2020, target 200 in 2030: required CAGR 7.18%.
        let traj = |latest: f64| kpi(Some(Direction::Increase), vec![point(A, Some(2020), 100.0), point(A, Some(2023), latest), point(T, Some(2030), 200.0)]);
        let status = |latest: f64| judge_alone(&traj(latest), 2023)[0].status;
        assert_eq!(status(123.0), Status::OnTrack); // CAGR 7.1% → R 0.99
        assert_eq!(status(115.0), Status::AccelerationNeeded); // 4.8% → R 0.66
        assert_eq!(status(105.0), Status::LimitedProgress); // 1.6% → R 0.23
        assert_eq!(status(95.0), Status::Deterioration);
        assert_eq!(status(200.0), Status::LevelReached);
        assert_eq!(judge_alone(&traj(200.0), 2023)[0].label_ja(), "目標水準に到達済み（令和12年度の目標）");
        let r = judge_alone(&traj(123.0), 2023)[0].ratio.unwrap();
        assert!((r - 0.9954).abs() < 0.0001, "{r}");
    }

    #[test]
    fn trajectory_for_decreasing_targets() {
        // Required −4.4% a year from 1,000 (2020) to 800 (2025).
        let k = kpi(Some(Direction::Decrease), vec![point(A, Some(2020), 1000.0), point(A, Some(2023), 850.0), point(T, Some(2025), 800.0)]);
        let j = &judge_alone(&k, 2023)[0];
        assert_eq!((j.status, j.method), (Status::OnTrack, Method::Cagr));
        assert!(j.ratio.unwrap() > 1.0);
        let k = kpi(Some(Direction::Decrease), vec![point(A, Some(2020), 1000.0), point(A, Some(2023), 900.0), point(T, Some(2025), 800.0)]);
        assert_eq!(judge_alone(&k, 2023)[0].status, Status::AccelerationNeeded);
        let k = kpi(Some(Direction::Decrease), vec![point(A, Some(2020), 1000.0), point(A, Some(2023), 1050.0), point(T, Some(2025), 800.0)]);
        assert_eq!(judge_alone(&k, 2023)[0].status, Status::Deterioration);
    }

    #[test]
    fn edge_cases_are_explicit() {
        // Base already past the target, then fell back.
        let k = kpi(Some(Direction::Increase), vec![point(A, Some(2021), 60.0), point(A, Some(2023), 40.0), point(T, Some(2025), 50.0)]);
        assert_eq!(judge_alone(&k, 2023)[0].status, Status::Deterioration);
        // Zero or negative values: linear rates.
        let k = kpi(Some(Direction::Increase), vec![point(A, Some(2021), 0.0), point(A, Some(2023), 4.0), point(T, Some(2025), 10.0)]);
        let j = &judge_alone(&k, 2023)[0];
        assert_eq!((j.method, j.status), (Method::Linear, Status::AccelerationNeeded));
        assert_eq!(j.ratio, Some(0.8));
        // A single actual.
        let k = kpi(Some(Direction::Increase), vec![point(A, Some(2023), 37.0), point(T, Some(2025), 50.0)]);
        let j = &judge_alone(&k, 2023)[0];
        assert_eq!((j.status, j.reason), (Status::CannotJudge, Some(Reason::SingleActual)));
        assert_eq!(j.label_ja(), "判定できない（実績が1時点のみで推移を評価できない）");
        // No actual yet.
        let k = kpi(None, vec![point(T, Some(2025), 21.0)]);
        assert_eq!(judge_alone(&k, 2023)[0].reason, Some(Reason::NoActual));
        // No direction: a past target with no comparator and no earlier actual.
        let k = kpi(None, vec![point(T, Some(2023), 21.0), point(A, Some(2023), 20.0)]);
        assert_eq!((judge_alone(&k, 2023)[0].status, judge_alone(&k, 2023)[0].reason), (Status::CannotJudge, Some(Reason::NoDirection)));
        // No direction printed, but a first actual below the target: travel towards it.
        let k = kpi(None, vec![point(A, Some(2020), 13.4), point(A, Some(2024), 17.5), point(T, Some(2025), 20.0)]);
        assert_eq!(judge_alone(&k, 2023)[0].status, Status::AccelerationNeeded);
    }

    #[test]
    fn missing_actual_for_a_year_that_has_come() {
        let k = kpi(Some(Direction::Increase), vec![point(T, Some(2023), 10.0), point(T, Some(2025), 20.0)]);
        let j = judge_alone(&k, 2023);
        assert_eq!((j[0].status, j[1].status, j[1].reason), (Status::NoResult, Status::CannotJudge, Some(Reason::NoActual)));
        assert_eq!(overall_alone(&k, 2023), Status::NoResult);
    }

    #[test]
    fn actuals_only() {
        let k = kpi(None, vec![point(A, Some(2023), 3.0)]);
        assert!(judge_alone(&k, 2023).is_empty());
        assert_eq!(overall_alone(&k, 2023), Status::NoTarget);
    }

    #[test]
    fn a_miss_sums_up_a_kpi_before_later_targets() {
        let k = kpi(Some(Direction::Increase), vec![
            point(T, Some(2022), 45.0), point(A, Some(2022), 40.0),
            point(T, Some(2023), 50.0), point(A, Some(2023), 87.0),
            point(T, Some(2025), 70.0),
        ]);
        assert_eq!(overall_alone(&k, 2023), Status::NotAchieved);
        let k = kpi(Some(Direction::Increase), vec![point(T, Some(2023), 50.0), point(A, Some(2023), 87.0), point(T, Some(2025), 70.0)]);
        assert_eq!(overall_alone(&k, 2023), Status::Achieved);
    }
}
