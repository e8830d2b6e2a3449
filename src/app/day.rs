//! The simulated day: its chart, the decision log and the CSV download; and, among the inputs,
//! the profile editor (24 bars and the shape picker).

use super::charts::{figure, redraw_when_shown, Surface};
use super::worker_client::note;
use super::{browser, PlannerState};
use crate::charts::{self, readout};
use crate::measure;
use crate::plan::shapes::{self, SHAPES};
use crate::plan::{param, Value};
use crate::sim;
use crate::worker::{Answer, Request};
use leptos::prelude::*;

/// A UTC offset ±HH:MM (or empty, UTC) as minutes east.
fn parse_offset(text: &str) -> Option<i32> {
    let t = text.trim();
    if t.is_empty() {
        Some(0)
    } else {
        measure::traffic::utc_offset_minutes(t)
    }
}

/// How many decisions the log shows before "Show all".
const LOG_FIRST: usize = 50;

/// The day chart, the decision log and the CSV download.
#[component]
pub fn DayPanel() -> impl IntoView {
    let state = PlannerState::expect_context();
    let surface = Surface::new();
    redraw_when_shown(surface, state.viewport, move |root, frame| {
        let (platform, tasks) = state.plan.with(|p| {
            (
                p.platform,
                p.tasks > 0 || p.task_rate > 0.0 || p.task_min > 0,
            )
        });
        state
            .report
            .with(|r| charts::day::draw(root, &r.day, platform, tasks, frame))
    });
    let read = move |f: f64| {
        let platform = state.plan.with_untracked(|p| p.platform);
        state.report.with(|r| readout::day(&r.day, platform, f))
    };
    let all = RwSignal::new(false);
    let log = move || {
        state.report.with(|r| {
            let shown = if all.get() {
                r.day.events.len()
            } else {
                LOG_FIRST
            };
            r.day
                .events
                .iter()
                .take(shown)
                .map(|e| view! { <li data-series=e.series()>{e.line()}</li> })
                .collect_view()
        })
    };
    let total = move || state.report.with(|r| r.day.events.len());
    let on_csv = move |_| {
        let text = state.report.with(|r| sim::csv::to_csv(&r.day, 15));
        browser::download("day.csv", "text/csv", &text);
    };
    view! {
        <section class="day" aria-label="A simulated day">
            <h2>"A simulated day"</h2>
            <p class="note">"The autoscalers over the plan's day in 15 s steps (docs/SIMULATION.md): when the load outruns the pods, how long pods wait for nodes, what the day costs."</p>
            {figure(
                "chart-day",
                "The simulated day: load, capacity, replicas and nodes over 24 hours",
                "Load and serving capacity (overloaded stretches shaded); replicas and nodes as steps.",
                surface.canvas,
                Box::new(read),
            )}
            <p>
                <button type="button" data-testid="download-day-csv" on:click=on_csv>"Download day (CSV)"</button>
            </p>
            <h3>"Decision log"</h3>
            <p class="note" data-testid="decision-log-count">
                {move || match total() {
                    0 => "No scaling decision: the day starts where it stays.".to_string(),
                    n if n <= LOG_FIRST || all.get() => format!("{} decisions.", n),
                    n => format!("The first {} of {} decisions.", LOG_FIRST, n),
                }}
            </p>
            <ol class="decision-log" data-testid="decision-log" tabindex="0" aria-label="Decision log">{log}</ol>
            // Always there (disabled when every decision shows), so the page never moves.
            <button
                type="button"
                data-testid="decision-log-all"
                disabled=move || total() <= LOG_FIRST || all.get()
                on:click=move |_| all.set(true)
            >
                {move || if total() > LOG_FIRST && !all.get() { format!("Show all {}", total()) } else { "All shown".to_string() }}
            </button>
        </section>
    }
}

/// The profile editor: a shape picker and 24 bars (range inputs: drag them, or focus one and
/// use the arrow keys); the `day` field below takes the 24 numbers typed.
#[component]
pub fn DayEditor(
    /// The traffic import's summary, owned by the inputs so that it outlives their re-mounts.
    imported: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    let state = PlannerState::expect_context();
    let Some(day_param) = param("day") else {
        return ().into_any();
    };
    let tz = RwSignal::new(String::from("+00:00"));
    let worker = state.worker;
    let waiting = RwSignal::new(false);
    let import = move |file: web_sys::File| {
        let offset = tz.get_untracked();
        super::calibrate::read_file(file, move |name, bytes| {
            let Some(tz_minutes) = parse_offset(&offset) else {
                imported.set(Some(Err(format!("UTC offset: '{}' is not ±HH:MM", offset))));
                return;
            };
            imported.set(Some(Ok(format!("Reading {}…", name))));
            waiting.set(true);
            worker.ask_then(
                Request::Traffic {
                    name,
                    bytes,
                    tz_minutes,
                    tz: offset,
                },
                state.link.get_untracked(),
                true,
                move |reply| {
                    waiting.set(false);
                    match &reply.answer {
                        Answer::Traffic(Ok(t)) => {
                            let plan = state.plan.with_untracked(|p| t.into_plan(p));
                            imported.set(Some(Ok(t.summary.clone())));
                            state.load(plan);
                        }
                        Answer::Traffic(Err(e)) | Answer::Refused(e) => {
                            imported.set(Some(Err(e.clone())))
                        }
                        _ => {}
                    }
                },
            );
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) {
            import(file);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            import(file);
        }
    };
    let fine = Memo::new(move |_| state.plan.with(|p| p.day.len() > 24));
    let line = move || {
        state.plan.with(|p| {
            let n = p.day.len().max(1);
            p.day
                .iter()
                .enumerate()
                .map(|(i, l)| format!("{:.1},{:.1}", i as f64 * 288.0 / n as f64, 100.0 - l))
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let set = move |hours: Vec<f64>| state.edit(day_param, &Value::Series(hours).to_text());
    let on_shape = move |ev| {
        let name = event_target_value(&ev);
        if name == "two-level" {
            state.edit(day_param, "");
        } else if let Some(hours) = shapes::shape(&name) {
            set(hours);
        }
    };
    let current = Memo::new(move |_| state.plan.with(sim::load::hourly_percent));
    let shape_name = Memo::new(move |_| {
        state.plan.with(|p| {
            if p.day.is_empty() {
                "two-level".to_string()
            } else {
                shapes::name_of(&p.day).unwrap_or("custom").to_string()
            }
        })
    });
    let bars = (0..24)
        .map(|h| {
            let on_bar = move |ev| {
                if let Some(v) = crate::plan::decimal::parse(&event_target_value(&ev)) {
                    let mut hours = current.get_untracked();
                    hours[h] = v.clamp(0.0, 100.0);
                    set(hours);
                }
            };
            view! {
                <label class="bar" title=format!("{:02}:00", h)>
                    <input
                        type="range"
                        min="0"
                        max="100"
                        step="1"
                        data-testid=format!("day-bar-{}", h)
                        aria-label=format!("Load from {:02}:00, % of peak", h)
                        prop:value=move || current.with(|c| c[h].to_string())
                        on:input=on_bar
                    />
                    <span aria-hidden="true">{format!("{:02}", h)}</span>
                </label>
            }
        })
        .collect_view();
    let back = move |_| set(current.get_untracked());
    view! {
        <div class="day-editor" on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <div class="traffic-import" data-testid="traffic-import">
                <label class="file">
                    "Import traffic "
                    <input type="file" name="traffic_file" data-testid="traffic-file" accept=".csv,.json,text/csv,application/json" on:change=on_file />
                </label>
                " "
                <label class="inline">
                    "UTC offset "
                    <input type="text" name="traffic_tz" data-testid="traffic-tz" size="6" prop:value=move || tz.get() on:change=move |ev| tz.set(event_target_value(&ev)) />
                </label>
                <p class="hint">"A CSV of requests (a time column, a rate or count column) or Prometheus' query_range answer: the busiest full day becomes the profile, at 5 minutes. Read here, never sent anywhere."</p>
                {note(worker, "the traffic import", move || waiting.get())}
                {move || imported.with(|r| match r {
                    Some(Ok(text)) => Some(view! { <p class="hint" data-testid="traffic-summary">{text.clone()}</p> }.into_any()),
                    Some(Err(e)) => Some(view! { <p class="error" role="alert" data-testid="traffic-error">{e.clone()}</p> }.into_any()),
                    None => None,
                })}
            </div>
            <label class="inline">
                "Shape "
                <select data-testid="day-shape" name="day_shape" on:change=on_shape prop:value=move || shape_name.get()>
                    <option value="two-level">"two-level (peak hours, off-peak)"</option>
                    {SHAPES.iter().map(|s| view! { <option value=s.name>{s.name}</option> }).collect_view()}
                    <option value="custom" disabled=true>"custom"</option>
                </select>
            </label>
            <div class="fine" class:hidden=move || !fine.get()>
                <svg data-testid="day-profile-line" viewBox="0 0 288 100" preserveAspectRatio="none" role="img" aria-label="The imported profile at 5-minute steps, % of peak (not editable: go back to hourly bars to edit)">
                    <polyline points=line fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke" />
                </svg>
                <button type="button" data-testid="day-back-to-hourly" on:click=back>"Back to 24 hourly bars"</button>
            </div>
            <div class="bars" class:hidden=move || fine.get() role="group" aria-label="Load by hour, % of peak">{bars}</div>
        </div>
    }
    .into_any()
}
