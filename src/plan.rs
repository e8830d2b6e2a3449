//! The plan: every input of Headroom, defined once in a parameter table.
//!
//! [`PARAMS`] is the single source of truth for each input's share-link name, unit, default,
//! allowed range and help text. The [`Plan`] struct, its `Default`, the codec in `share`, the
//! plan JSON, the generated parameter reference in `docs/PARAMETERS.md` and the form fields
//! of the app are all derived from it, so they cannot drift apart.
//!
//! A `Plan` value is always valid: the codec, the plan JSON loader and the form check every
//! value against its [`Kind`] and every pair against [`CONSTRAINTS`] before a plan is built.

use serde::Serialize;

/// A parameter's value, independent of the field type that stores it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A real number (a quantity with a unit).
    Real(f64),
    /// A whole number (a count).
    Count(u64),
    /// One of a fixed set of names.
    Choice(&'static str),
    /// On or off; written `1` or `0`.
    Flag(bool),
    /// A name written into the exported files (an image reference, a Python module path).
    Text(String),
}

/// What values a parameter accepts.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// A finite real number in `min..=max`, or `min < x <= max` when `min_open`.
    Real {
        /// Lower bound.
        min: f64,
        /// Upper bound, inclusive.
        max: f64,
        /// Whether the lower bound itself is excluded (a value that divides).
        min_open: bool,
    },
    /// A whole number in `min..=max`.
    Count {
        /// Lower bound, inclusive.
        min: u64,
        /// Upper bound, inclusive.
        max: u64,
    },
    /// One of these names.
    Choice(&'static [&'static str]),
    /// `0` or `1`.
    Flag,
    /// A name of 1 to `max` characters: ASCII letters, digits and the characters in `extra`.
    Text {
        /// Longest length, in characters.
        max: usize,
        /// The punctuation allowed besides letters and digits.
        extra: &'static str,
    },
}

const fn real(min: f64, max: f64) -> Kind {
    Kind::Real {
        min,
        max,
        min_open: false,
    }
}
/// A real that divides something: strictly above `min`.
const fn positive(max: f64) -> Kind {
    Kind::Real {
        min: 0.0,
        max,
        min_open: true,
    }
}
const fn count(min: u64, max: u64) -> Kind {
    Kind::Count { min, max }
}
const fn text(max: usize, extra: &'static str) -> Kind {
    Kind::Text { max, extra }
}

/// The form section a parameter belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Group {
    /// Traffic assumptions.
    Traffic,
    /// The web tier: pods, processes, HPA, gunicorn.
    Web,
    /// Background work: Celery workers scaled by KEDA.
    Tasks,
    /// AKS node pools and the cluster autoscaler.
    Cluster,
    /// Azure Container Apps: scale to zero.
    ScaleToZero,
    /// The proxy in front, the database and Redis.
    Edge,
    /// Prices and billing assumptions.
    Prices,
}

impl Group {
    /// Every group, in form order.
    pub const ALL: [Group; 7] = [
        Group::Traffic,
        Group::Web,
        Group::Tasks,
        Group::Cluster,
        Group::ScaleToZero,
        Group::Edge,
        Group::Prices,
    ];
}

impl Group {
    /// The section heading shown in the app and the docs.
    pub fn title(self) -> &'static str {
        match self {
            Group::Traffic => "Traffic",
            Group::Web => "Web tier",
            Group::Tasks => "Background work",
            Group::Cluster => "Cluster",
            Group::ScaleToZero => "Scale to zero",
            Group::Edge => "Edge & data stores",
            Group::Prices => "Prices",
        }
    }
}

/// A field type that can be read and written as a [`Value`].
pub trait FieldType: Sized {
    /// The value of this field.
    fn to_value(&self) -> Value;
    /// The field from a value of the right kind; `None` for a value of another kind.
    fn from_value(value: Value) -> Option<Self>;
}

impl FieldType for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Real(x) => Some(x),
            _ => None,
        }
    }
}

impl FieldType for u32 {
    fn to_value(&self) -> Value {
        Value::Count(u64::from(*self))
    }
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Count(n) => u32::try_from(n).ok(),
            _ => None,
        }
    }
}

impl FieldType for bool {
    fn to_value(&self) -> Value {
        Value::Flag(*self)
    }
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Flag(b) => Some(b),
            _ => None,
        }
    }
}

impl FieldType for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Declares an enumeration whose variants are written as fixed names in links and JSON.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $var:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $var),+ }
        impl $name {
            /// Every variant's name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The variant's name as written in links and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $text),+ }
            }
        }
        impl FieldType for $name {
            fn to_value(&self) -> Value { Value::Choice(self.as_str()) }
            fn from_value(value: Value) -> Option<Self> {
                match value {
                    Value::Choice(s) => Self::ALL.iter().copied().find(|v| v.as_str() == s),
                    _ => None,
                }
            }
        }
    };
}

choice! {
    /// How the capacity of one web pod is found (DESIGN.md, "Web tier").
    CapacityMode {
        /// A measured figure per pod (`rps_per_pod`; seed 001: 20).
        Measured = "measured",
        /// Workers × a measured figure per worker (`worker_rps`; seed 003: 250–500).
        PerWorker = "per_worker",
        /// From CPU time and latency per request.
        Derived = "derived",
    }
}

choice! {
    /// How allocatable CPU and memory per user node are found.
    AllocMode {
        /// Given directly (`node_cpu`, `node_mem`; seed 001: ~3.8 vCPU, ~14 GiB).
        Fixed = "fixed",
        /// From AKS's documented reservation rules for the VM size and max pods.
        Aks = "aks",
    }
}

choice! {
    /// Which AKS node reservation rules apply (FIELD-FACTS 3.5).
    AksRules {
        /// AKS 1.29 and later: min(20 MiB × max pods + 50 MiB, 25 %) + 100 MiB eviction.
        Current = "1.29",
        /// Before 1.29: regressive tiers + 750 MiB eviction.
        Legacy = "legacy",
    }
}

choice! {
    /// The AKS control-plane pricing tier (FIELD-FACTS 3.5).
    AksTier {
        /// No SLA, no charge.
        Free = "free",
        /// Uptime SLA, charged per cluster-hour.
        Standard = "standard",
    }
}

choice! {
    /// The VM sizes in the catalogue (`engine::catalog`).
    VmSize {
        /// 2 vCPU, 8 GiB.
        D2sV5 = "Standard_D2s_v5",
        /// 4 vCPU, 16 GiB.
        D4sV5 = "Standard_D4s_v5",
        /// 8 vCPU, 32 GiB.
        D8sV5 = "Standard_D8s_v5",
        /// 16 vCPU, 64 GiB.
        D16sV5 = "Standard_D16s_v5",
        /// 4 vCPU, 32 GiB (memory optimised).
        E4sV5 = "Standard_E4s_v5",
        /// 8 vCPU, 16 GiB (compute optimised).
        F8sV2 = "Standard_F8s_v2",
        /// 2 vCPU, 7 GiB (seed 001's system pool).
        Ds2V2 = "Standard_DS2_v2",
    }
}

choice! {
    /// Where the web tier runs.
    Platform {
        /// Azure Kubernetes Service: HPA, KEDA, node pools.
        Aks = "aks",
        /// Azure Container Apps: HTTP scale rule, per-second billing, scale to zero.
        Aca = "aca",
    }
}

choice! {
    /// What bounds a background task (seed 004, "Worker Concurrency").
    TaskKind {
        /// Waits on I/O: concurrency 2 × cores + 1.
        Io = "io",
        /// Computes: concurrency = cores.
        Cpu = "cpu",
    }
}

choice! {
    /// How long tasks run (seed 004, "Prefetch Multiplier").
    TaskLength {
        /// Short tasks: prefetch 4.
        Short = "short",
        /// Mixed: prefetch 2.
        Mixed = "mixed",
        /// Long tasks: prefetch 1, so no worker hoards work.
        Long = "long",
    }
}

choice! {
    /// How much memory tasks use (seed 004, "Max Tasks Per Child").
    TaskMemory {
        /// Memory-intensive: recycle after 100 tasks.
        Heavy = "heavy",
        /// Normal: 1000.
        Normal = "normal",
        /// Lightweight: 10000.
        Light = "light",
    }
}

choice! {
    /// Azure Cache for Redis tiers (FIELD-FACTS 3.7), Standard C0–C6 then Premium P1–P5.
    RedisTier {
        /// 250 MB, 256 clients (not for production).
        C0 = "C0",
        /// 1 GB, 1,000 clients (seed 001).
        C1 = "C1",
        /// 2.5 GB, 2,000 clients.
        C2 = "C2",
        /// 6 GB, 5,000 clients.
        C3 = "C3",
        /// 13 GB, 10,000 clients.
        C4 = "C4",
        /// 26 GB, 15,000 clients.
        C5 = "C5",
        /// 53 GB, 20,000 clients.
        C6 = "C6",
        /// 6 GB, 7,500 clients.
        P1 = "P1",
        /// 13 GB, 15,000 clients.
        P2 = "P2",
        /// 26 GB, 30,000 clients.
        P3 = "P3",
        /// 53 GB, 40,000 clients.
        P4 = "P4",
        /// 120 GB, 40,000 clients.
        P5 = "P5",
    }
}

choice! {
    /// Redis `maxmemory-policy` (seed 004, "Memory Management").
    RedisPolicy {
        /// Refuse writes when full: the only safe policy for a task queue.
        NoEviction = "noeviction",
        /// Evict least recently used keys: a general cache.
        AllKeysLru = "allkeys-lru",
        /// Evict least recently used keys with a TTL.
        VolatileLru = "volatile-lru",
        /// Evict least frequently used keys.
        AllKeysLfu = "allkeys-lfu",
        /// Evict least frequently used keys with a TTL.
        VolatileLfu = "volatile-lfu",
        /// Evict random keys.
        AllKeysRandom = "allkeys-random",
        /// Evict random keys with a TTL.
        VolatileRandom = "volatile-random",
        /// Evict the keys nearest their expiry.
        VolatileTtl = "volatile-ttl",
    }
}

choice! {
    /// The environment the plan is for (seed 002's decision guide).
    Stage {
        /// A laptop.
        Dev = "dev",
        /// Staging.
        Staging = "staging",
        /// Production.
        Prod = "prod",
    }
}

/// One input of the plan: its name, documentation, range and accessors.
pub struct Param {
    /// The share-link parameter name, also the plan JSON key and the form field's `name`.
    pub name: &'static str,
    /// A short label for the form.
    pub label: &'static str,
    /// What it means, one sentence.
    pub help: &'static str,
    /// Its unit, or "" for a pure number.
    pub unit: &'static str,
    /// The form section.
    pub group: Group,
    /// The values it accepts.
    pub kind: Kind,
    /// Reads it from a plan.
    pub get: fn(&Plan) -> Value,
    /// Writes it into a plan; a value of the wrong kind is ignored (callers validate first).
    pub set: fn(&mut Plan, Value),
}

impl std::fmt::Debug for Param {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Param").field("name", &self.name).finish()
    }
}

macro_rules! params {
    ($(
        $(#[doc = $doc:literal])+
        $field:ident : $ty:ty = $default:expr ; $kind:expr ; $unit:literal ; $group:ident ; $label:literal ;
    )+) => {
        /// A complete, valid set of inputs. Field names are the share-link parameter names.
        #[derive(Clone, Debug, PartialEq, Serialize)]
        pub struct Plan {
            $($(#[doc = $doc])+ pub $field: $ty,)+
        }

        impl Default for Plan {
            fn default() -> Self {
                Plan { $($field: $default,)+ }
            }
        }

        /// Every parameter, in canonical link order.
        pub static PARAMS: &[Param] = &[
            $(Param {
                name: stringify!($field),
                label: $label,
                help: concat!($($doc),+),
                unit: $unit,
                group: Group::$group,
                kind: $kind,
                get: |p: &Plan| FieldType::to_value(&p.$field),
                set: |p: &mut Plan, v: Value| {
                    if let Some(x) = FieldType::from_value(v) {
                        p.$field = x;
                    }
                },
            },)+
        ];
    };
}

params! {
    // --- Traffic
    /// Peak requests per second the web tier must serve.
    peak_rps: f64 = 100.0; real(0.0, 10_000_000.0); "req/s"; Traffic; "Peak traffic";
    /// Requests per second outside peak hours (served by the minimum replicas).
    offpeak_rps: f64 = 0.0; real(0.0, 10_000_000.0); "req/s"; Traffic; "Off-peak traffic";
    /// Mean time a request spends in the app (Little's law and the queueing model).
    latency_ms: f64 = 50.0; positive(600_000.0); "ms"; Traffic; "Mean latency";
    /// Hours a day at peak; the rest of the day runs at minimum replicas.
    hours_peak: f64 = 24.0; real(0.0, 24.0); "h/day"; Traffic; "Peak hours";
    /// Where the web tier runs: aks (Kubernetes) or aca (Azure Container Apps).
    platform: Platform = Platform::Aks; Kind::Choice(Platform::NAMES); ""; Traffic; "Platform";
    /// The environment: dev, staging or prod (seed 002's decision guide).
    stage: Stage = Stage::Prod; Kind::Choice(Stage::NAMES); ""; Traffic; "Stage";
    /// High availability required: several nodes and zones (seed 002: level 4).
    ha: bool = false; Kind::Flag; ""; Traffic; "High availability";

    // --- Web tier
    /// How one pod's capacity is found: measured per pod, per worker process, or derived from CPU time and latency.
    capacity: CapacityMode = CapacityMode::Measured; Kind::Choice(CapacityMode::NAMES); ""; Web; "Capacity from";
    /// Measured capacity of one pod (capacity = measured; seed 001: 20).
    rps_per_pod: f64 = 20.0; positive(1_000_000.0); "req/s"; Web; "Capacity per pod";
    /// Capacity of one worker process (capacity = per_worker; seed 003: 250–500).
    worker_rps: f64 = 250.0; positive(1_000_000.0); "req/s"; Web; "Capacity per worker";
    /// Mean CPU time per request (capacity = derived).
    cpu_ms: f64 = 10.0; positive(600_000.0); "ms"; Web; "CPU per request";
    /// Worker processes per pod (gunicorn/uvicorn workers).
    workers: u32 = 1; count(1, 256); ""; Web; "Workers per pod";
    /// Threads per worker process; for an async (uvicorn) worker, the requests its event loop holds at once.
    threads: u32 = 1; count(1, 1024); ""; Web; "Threads per worker";
    /// Memory one worker process uses (seed 000: ~100–150 MB).
    worker_mem: f64 = 150.0; positive(262_144.0); "MiB"; Web; "Memory per worker";
    /// Headroom factor over peak for the maximum replicas (seed 001: 1.5).
    buffer: f64 = 1.5; real(1.0, 10.0); "×"; Web; "Peak buffer";
    /// Minimum web replicas, kept for availability (seed 001: 3).
    min_replicas: u32 = 3; count(1, 10_000); "pods"; Web; "Min replicas";
    /// Configured HPA maximum; 0 = automatic (the computed maximum).
    hpa_max: u32 = 0; count(0, 10_000); "pods"; Web; "HPA max (0 = auto)";
    /// HPA CPU utilisation target (seed 001: 70 %).
    hpa_cpu: f64 = 70.0; real(1.0, 100.0); "%"; Web; "HPA CPU target";
    /// CPU request of a web pod (seed 001: 250m).
    web_cpu: f64 = 0.25; positive(64.0); "cores"; Web; "CPU request";
    /// Memory request of a web pod (seed 001: 256Mi).
    web_mem: f64 = 256.0; positive(262_144.0); "MiB"; Web; "Memory request";
    /// CPU limit of a web pod (seed 001: 500m).
    web_cpu_limit: f64 = 0.5; positive(64.0); "cores"; Web; "CPU limit";
    /// Memory limit of a web pod (seed 001: 512Mi).
    web_mem_limit: f64 = 512.0; positive(262_144.0); "MiB"; Web; "Memory limit";
    /// gunicorn worker timeout (seed 002: 30 s; gunicorn's default is 30).
    worker_timeout: u32 = 30; count(1, 86_400); "s"; Web; "Worker timeout";
    /// gunicorn keep-alive (seed 002: 5 s; gunicorn's default is 2).
    keepalive: u32 = 5; count(0, 3_600); "s"; Web; "Keep-alive";
    /// Requests a worker serves before it is recycled; 0 = never (seed 002: 1000).
    max_requests: u32 = 1000; count(0, 100_000_000); "requests"; Web; "Max requests";
    /// Random extra requests before recycling, so workers do not restart together (seed 002: 100).
    max_requests_jitter: u32 = 100; count(0, 100_000_000); "requests"; Web; "Max requests jitter";
    /// Time a worker gets to finish in-flight requests on restart (seed 002: 30 s).
    graceful_timeout: u32 = 30; count(0, 86_400); "s"; Web; "Graceful timeout";
    /// Container image of the app, for the web and worker containers in kubernetes.yaml, containerapp.yaml and docker-compose.yml.
    image: String = "registry.example.com/app:latest".to_string(); text(255, "._-/:@"); ""; Web; "Container image";
    /// The WSGI/ASGI application gunicorn serves, as module:variable.
    app_module: String = "app.main:app".to_string(); text(200, "._:"); ""; Web; "App module";

    // --- Background work
    /// Peak concurrent background tasks, queued and running (seed 001: 1000); 0 = no background work.
    tasks: u32 = 1000; count(0, 100_000_000); "tasks"; Tasks; "Peak tasks";
    /// Task arrivals; when above 0, peak tasks = ceil(task_rate × task_s) and `tasks` is ignored.
    task_rate: f64 = 0.0; real(0.0, 1_000_000.0); "tasks/s"; Tasks; "Task arrival rate";
    /// Mean task duration (seed 001: 30 s).
    task_s: f64 = 30.0; positive(86_400.0); "s"; Tasks; "Task duration";
    /// KEDA Redis list length per replica (seed 001: 5).
    queue_target: u32 = 5; count(1, 1_000_000); "tasks"; Tasks; "Queue length target";
    /// Tasks one worker pod runs at once (its Celery --concurrency).
    task_concurrency: u32 = 1; count(1, 1_000); "tasks"; Tasks; "Tasks per worker pod";
    /// KEDA minimum worker replicas (KEDA's default is 0).
    task_min: u32 = 0; count(0, 100_000); "pods"; Tasks; "Min worker replicas";
    /// Configured KEDA maximum; 0 = automatic (the computed maximum).
    keda_max: u32 = 0; count(0, 100_000); "pods"; Tasks; "KEDA max (0 = auto)";
    /// CPU request of a worker pod (seed 001: 500m).
    task_cpu: f64 = 0.5; positive(64.0); "cores"; Tasks; "CPU request";
    /// Memory request of a worker pod (seed 001: 512Mi).
    task_mem: f64 = 512.0; positive(262_144.0); "MiB"; Tasks; "Memory request";
    /// CPU limit of a worker pod (seed 001: 1000m).
    task_cpu_limit: f64 = 1.0; positive(64.0); "cores"; Tasks; "CPU limit";
    /// Memory limit of a worker pod (seed 001: 1Gi).
    task_mem_limit: f64 = 1024.0; positive(262_144.0); "MiB"; Tasks; "Memory limit";

    /// What bounds a task: io (waits on I/O) or cpu (seed 004).
    task_kind: TaskKind = TaskKind::Io; Kind::Choice(TaskKind::NAMES); ""; Tasks; "Task kind";
    /// How long tasks run: short, mixed or long (sets the prefetch multiplier; seed 004).
    task_length: TaskLength = TaskLength::Mixed; Kind::Choice(TaskLength::NAMES); ""; Tasks; "Task length";
    /// How much memory tasks use: heavy, normal or light (sets max tasks per child; seed 004).
    task_memory: TaskMemory = TaskMemory::Normal; Kind::Choice(TaskMemory::NAMES); ""; Tasks; "Task memory";
    /// Celery hard time limit per task (seed 004: 300 s).
    task_time_limit: u32 = 300; count(20, 86_400); "s"; Tasks; "Hard time limit";
    /// Celery soft time limit; 0 = automatic: hard − clamp(10 % of hard, 10, 60) (seed 004: 270 for 300).
    task_soft_limit: u32 = 0; count(0, 86_400); "s"; Tasks; "Soft time limit (0 = auto)";
    /// Worker pods' terminationGracePeriodSeconds; 0 = automatic (hard limit + 30 s).
    grace_s: u32 = 0; count(0, 86_400); "s"; Tasks; "Grace period (0 = auto)";
    /// Retries of a failed task (seed 004: max_retries 3).
    max_retries: u32 = 3; count(0, 100); "retries"; Tasks; "Max retries";
    /// First retry delay, doubled each retry (seed 004: 60 s).
    retry_delay_s: u32 = 60; count(1, 86_400); "s"; Tasks; "Retry delay";
    /// Cap on the retry delay (seed 004: retry_backoff_max 600 s).
    retry_max_s: u32 = 600; count(1, 86_400); "s"; Tasks; "Retry delay cap";
    /// The Celery application the workers start (celery -A), as a module path.
    celery_app: String = "app.celery_app".to_string(); text(200, "._:"); ""; Tasks; "Celery app";

    // --- Cluster
    /// VM size of the user node pool (seed 001: Standard_D4s_v5).
    node_vm: VmSize = VmSize::D4sV5; Kind::Choice(VmSize::NAMES); ""; Cluster; "User pool VM";
    /// VM size of the system node pool (seed 001: Standard_DS2_v2).
    sys_vm: VmSize = VmSize::Ds2V2; Kind::Choice(VmSize::NAMES); ""; Cluster; "System pool VM";
    /// Nodes in the system pool, fixed (seed 001: 2–3; AKS recommends at least 2 for production).
    sys_nodes: u32 = 2; count(1, 100); "nodes"; Cluster; "System nodes";
    /// How allocatable resources per user node are found: fixed figures, or AKS's reservation rules.
    alloc: AllocMode = AllocMode::Fixed; Kind::Choice(AllocMode::NAMES); ""; Cluster; "Allocatable from";
    /// Which AKS reservation rules apply (alloc = aks): 1.29 and later, or legacy.
    aks_rules: AksRules = AksRules::Current; Kind::Choice(AksRules::NAMES); ""; Cluster; "AKS rules";
    /// Allocatable CPU per user node (alloc = fixed; seed 001: ~3.8).
    node_cpu: f64 = 3.8; positive(1_024.0); "cores"; Cluster; "Allocatable CPU";
    /// Allocatable memory per user node (alloc = fixed; seed 001: ~14).
    node_mem: f64 = 14.0; positive(16_384.0); "GiB"; Cluster; "Allocatable memory";
    /// Max pods per node (AKS: kubenet 110, Azure CNI 30, overlay 250; range 10–250).
    node_pods: u32 = 110; count(10, 250); "pods"; Cluster; "Max pods per node";
    /// CPU every node spends on DaemonSets (log agents, CSI drivers, …).
    ds_cpu: f64 = 0.0; real(0.0, 1_024.0); "cores"; Cluster; "DaemonSet CPU";
    /// Memory every node spends on DaemonSets.
    ds_mem: f64 = 0.0; real(0.0, 16_777_216.0); "MiB"; Cluster; "DaemonSet memory";
    /// Cluster autoscaler floor for the user pool (seed 001: 2).
    node_min: u32 = 2; count(0, 5_000); "nodes"; Cluster; "Autoscaler min";
    /// Configured cluster autoscaler maximum; 0 = automatic (packed count plus spare).
    node_max: u32 = 0; count(0, 5_000); "nodes"; Cluster; "Autoscaler max (0 = auto)";
    /// Headroom over the packed node count for the automatic autoscaler maximum.
    spare: f64 = 0.1; real(0.0, 10.0); "fraction"; Cluster; "Spare nodes";

    // --- Scale to zero (Azure Container Apps; FIELD-FACTS 3.3, 3.4)
    /// Container Apps minimum replicas; 0 scales to zero (seed 000: 0; the platform's default is 0).
    aca_min: u32 = 0; count(0, 1_000); "replicas"; ScaleToZero; "Min replicas";
    /// Container Apps maximum replicas (seed 000: 2; the platform's default is 10, at most 1000).
    aca_max: u32 = 10; count(1, 1_000); "replicas"; ScaleToZero; "Max replicas";
    /// CPU per replica (seed 000: 0.25; consumption allows 0.25 steps up to 4, memory = 2 × CPU).
    aca_cpu: f64 = 0.5; positive(4.0); "cores"; ScaleToZero; "CPU per replica";
    /// Memory per replica (seed 000: 0.5).
    aca_mem: f64 = 1.0; positive(8.0); "GiB"; ScaleToZero; "Memory per replica";
    /// The HTTP scale rule's concurrentRequests (seed 000: 10; the platform's default is 10).
    aca_concurrency: u32 = 10; count(1, 100_000); "requests"; ScaleToZero; "Concurrent requests";
    /// Hours a day with traffic; the app scales to its minimum the rest of the day.
    active_h: f64 = 8.0; real(0.0, 24.0); "h/day"; ScaleToZero; "Active hours";
    /// Time to start a replica from zero (seed 000's target: under 2 s).
    cold_start_s: f64 = 2.0; real(0.0, 600.0); "s"; ScaleToZero; "Cold start";
    /// The client's response deadline; 0 = none (seed 000: Discord's 3 s interaction window).
    deadline_s: f64 = 0.0; real(0.0, 3_600.0); "s"; ScaleToZero; "Client deadline (0 = none)";
    /// uvicorn's connection limit per process (seed 000: MAX_CONNECTIONS=1000).
    max_connections: u32 = 1000; count(1, 10_000_000); "connections"; ScaleToZero; "Max connections";
    /// Connections before a worker restarts; 0 = never (seed 000: MAX_CONNECTIONS_PER_CHILD=0).
    max_connections_per_child: u32 = 0; count(0, 1_000_000_000); "connections"; ScaleToZero; "Max connections per child";

    // --- Edge and data stores (FIELD-FACTS 3.9, 3.10, 3.7)
    /// Cores of the host the nginx and single-host Celery formulas size for (seed 004: 4).
    cores: u32 = 4; count(1, 512); "cores"; Edge; "Host cores";
    /// nginx worker_connections (seed 004: 10000).
    nginx_conn: u32 = 10_000; count(1, 1_048_576); "connections"; Edge; "Worker connections";
    /// The proxy's idle keep-alive to the app; 0 = none (nginx's default for upstreams).
    proxy_keepalive_s: u32 = 0; count(0, 3_600); "s"; Edge; "Proxy upstream keep-alive";
    /// The proxy's read timeout (nginx's default: 60 s; seed 004: 120 s).
    proxy_read_timeout_s: u32 = 60; count(1, 86_400); "s"; Edge; "Proxy read timeout";
    /// limit_req rate per client address (seed 004: 100r/s).
    rate: f64 = 100.0; positive(1_000_000.0); "req/s"; Edge; "Rate limit";
    /// limit_req burst per client address (seed 004: 200).
    burst: u32 = 200; count(0, 1_000_000); "requests"; Edge; "Burst";
    /// Distinct client addresses at peak; 1 = everything arrives through one load balancer or NAT.
    clients: u32 = 1000; count(1, 1_000_000_000); "addresses"; Edge; "Client addresses";
    /// App instances holding a database pool; 0 = automatic (the web maximum replicas).
    instances: u32 = 0; count(0, 100_000); "instances"; Edge; "Instances (0 = auto)";
    /// Connections each process keeps in its database pool (seed 003: 5–10); 0 = no database.
    pool_size: u32 = 10; count(0, 10_000); "connections"; Edge; "Pool size";
    /// Extra connections a pool may open under load (seed 003: = pool size).
    max_overflow: u32 = 10; count(0, 10_000); "connections"; Edge; "Max overflow";
    /// Buffer in seed 004's maxPoolSize = instances × workers × buffer (seed 004: 20 %).
    pool_buffer: f64 = 1.2; real(1.0, 10.0); "×"; Edge; "Pool buffer";
    /// The database server's connection limit (seed 004: mongod --maxConns 1000).
    db_max_conn: u32 = 1000; count(1, 10_000_000); "connections"; Edge; "Database max connections";
    /// Azure Cache for Redis tier (seed 001: Standard C1).
    redis_tier: RedisTier = RedisTier::C1; Kind::Choice(RedisTier::NAMES); ""; Edge; "Redis tier";
    /// Redis connections per web worker process.
    redis_conn_web: u32 = 2; count(0, 10_000); "connections"; Edge; "Redis connections per web process";
    /// Redis connections per worker pod (Celery opens about 10 per worker; FIELD-FACTS 3.7).
    redis_conn_task: u32 = 10; count(0, 10_000); "connections"; Edge; "Redis connections per worker pod";
    /// Redis maxmemory-policy; a task queue needs noeviction.
    redis_policy: RedisPolicy = RedisPolicy::NoEviction; Kind::Choice(RedisPolicy::NAMES); ""; Edge; "Redis eviction policy";
    /// Redis maxmemory for a self-managed Redis (redis.conf); 0 = automatic (data at 70 %, at least 64 MB; seed 004: 512).
    redis_maxmemory_mb: u32 = 0; count(0, 1_048_576); "MB"; Edge; "Redis maxmemory (0 = auto)";
    /// Payload of one queued task.
    task_kb: f64 = 4.0; real(0.0, 1_048_576.0); "KiB"; Edge; "Task payload";
    /// Memory Redis uses as a cache, besides the queue.
    cache_mb: f64 = 0.0; real(0.0, 1_048_576.0); "MiB"; Edge; "Cache memory";

    // --- Prices
    /// Run the user pool on spot VMs (seed 001 suggests spot for retryable workers).
    spot: bool = false; Kind::Flag; ""; Prices; "Spot user pool";
    /// Discount of spot VMs against pay-as-you-go (seed 001: "up to 90 %"; 60 % is a cautious typical figure, unverified).
    spot_discount: f64 = 0.6; real(0.0, 0.95); "fraction"; Prices; "Spot discount";
    /// Hourly price of the user pool VM; 0 = the catalogue price.
    node_price: f64 = 0.0; real(0.0, 1_000.0); "USD/h"; Prices; "User VM price (0 = catalogue)";
    /// Hourly price of the system pool VM; 0 = the catalogue price.
    sys_price: f64 = 0.0; real(0.0, 1_000.0); "USD/h"; Prices; "System VM price (0 = catalogue)";
    /// AKS control-plane tier: free (no SLA) or standard (uptime SLA, per cluster-hour).
    aks_tier: AksTier = AksTier::Standard; Kind::Choice(AksTier::NAMES); ""; Prices; "Control plane tier";
    /// Monthly price of the Redis tier; 0 = not priced (no vendor price for C and P tiers was found).
    redis_price: f64 = 0.0; real(0.0, 100_000.0); "USD/month"; Prices; "Redis price";
    /// Container Apps active vCPU rate (Central US, May 2025; FIELD-FACTS 3.4, [verify]).
    aca_vcpu_rate: f64 = 0.000024; real(0.0, 1.0); "USD/vCPU-s"; Prices; "ACA active vCPU rate";
    /// Container Apps idle vCPU rate (FIELD-FACTS 3.4, [verify]).
    aca_idle_rate: f64 = 0.000003; real(0.0, 1.0); "USD/vCPU-s"; Prices; "ACA idle vCPU rate";
    /// Container Apps memory rate, active or idle (FIELD-FACTS 3.4, [verify]).
    aca_mem_rate: f64 = 0.000003; real(0.0, 1.0); "USD/GiB-s"; Prices; "ACA memory rate";
    /// Container Apps requests, per million (FIELD-FACTS 3.4: ~$0.40, varies by region, [verify]).
    aca_req_rate: f64 = 0.4; real(0.0, 1_000.0); "USD/M requests"; Prices; "ACA request rate";
    /// Apply Container Apps' monthly free grants (180,000 vCPU-s, 360,000 GiB-s, 2 M requests per subscription).
    aca_grants: bool = true; Kind::Flag; ""; Prices; "ACA free grants";
}

/// A pair of parameters whose values contradict each other; both are named in the message.
pub struct Constraint {
    /// The two parameters involved.
    pub params: [&'static str; 2],
    /// Whether the plan satisfies it.
    pub holds: fn(&Plan) -> bool,
    /// What must hold, in words.
    pub rule: &'static str,
}

/// Every pair of parameters that must agree. The default plan satisfies all of them.
pub static CONSTRAINTS: &[Constraint] = &[
    Constraint {
        params: ["offpeak_rps", "peak_rps"],
        holds: |p| p.offpeak_rps <= p.peak_rps,
        rule: "off-peak traffic cannot exceed peak traffic",
    },
    Constraint {
        params: ["web_cpu", "web_cpu_limit"],
        holds: |p| p.web_cpu <= p.web_cpu_limit,
        rule: "a CPU request cannot exceed its limit",
    },
    Constraint {
        params: ["web_mem", "web_mem_limit"],
        holds: |p| p.web_mem <= p.web_mem_limit,
        rule: "a memory request cannot exceed its limit",
    },
    Constraint {
        params: ["task_cpu", "task_cpu_limit"],
        holds: |p| p.task_cpu <= p.task_cpu_limit,
        rule: "a CPU request cannot exceed its limit",
    },
    Constraint {
        params: ["task_mem", "task_mem_limit"],
        holds: |p| p.task_mem <= p.task_mem_limit,
        rule: "a memory request cannot exceed its limit",
    },
    Constraint {
        params: ["min_replicas", "hpa_max"],
        holds: |p| p.hpa_max == 0 || p.min_replicas <= p.hpa_max,
        rule: "the minimum replicas cannot exceed a configured HPA maximum",
    },
    Constraint {
        params: ["task_min", "keda_max"],
        holds: |p| p.keda_max == 0 || p.task_min <= p.keda_max,
        rule: "the minimum worker replicas cannot exceed a configured KEDA maximum",
    },
    Constraint {
        params: ["node_min", "node_max"],
        holds: |p| p.node_max == 0 || p.node_min <= p.node_max,
        rule: "the autoscaler minimum cannot exceed a configured maximum",
    },
    Constraint {
        params: ["aca_min", "aca_max"],
        holds: |p| p.aca_min <= p.aca_max,
        rule: "Container Apps minimum replicas cannot exceed the maximum",
    },
    Constraint {
        params: ["task_soft_limit", "task_time_limit"],
        holds: |p| p.task_soft_limit == 0 || p.task_soft_limit < p.task_time_limit,
        rule: "a soft time limit must be below the hard one",
    },
    Constraint {
        params: ["retry_delay_s", "retry_max_s"],
        holds: |p| p.retry_delay_s <= p.retry_max_s,
        rule: "the first retry delay cannot exceed the cap",
    },
    Constraint {
        params: ["ds_cpu", "node_cpu"],
        holds: |p| p.ds_cpu < p.node_cpu,
        rule: "DaemonSet CPU must be below the node's allocatable CPU",
    },
    Constraint {
        params: ["ds_mem", "node_mem"],
        holds: |p| p.ds_mem < p.node_mem * 1024.0,
        rule: "DaemonSet memory must be below the node's allocatable memory",
    },
];

/// Looks a parameter up by its share-link name.
pub fn param(name: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|p| p.name == name)
}

impl Kind {
    /// The allowed values in words, e.g. "0 to 10000000" or "one of fixed, aks".
    pub fn range_text(&self) -> String {
        match *self {
            Kind::Real {
                min,
                max,
                min_open: false,
            } => format!("{} to {}", min, max),
            Kind::Real {
                min,
                max,
                min_open: true,
            } => format!("above {} up to {}", min, max),
            Kind::Count { min, max } => format!("whole number {} to {}", min, max),
            Kind::Choice(names) => format!("one of {}", names.join(", ")),
            Kind::Flag => "0 (off) or 1 (on)".to_string(),
            Kind::Text { max, extra } => {
                let extra: Vec<String> = extra.chars().map(String::from).collect();
                format!(
                    "1 to {} characters (letters, digits, {})",
                    max,
                    extra.join(" ")
                )
            }
        }
    }

    /// Parses and range-checks the text of a value; the error says what was wrong.
    pub fn parse(&self, text: &str) -> Result<Value, String> {
        let text = text.trim();
        match *self {
            Kind::Real { min, max, min_open } => {
                let x = parse_real(text)?;
                let low_ok = if min_open { x > min } else { x >= min };
                if low_ok && x <= max {
                    Ok(Value::Real(x))
                } else {
                    Err(format!("{} is out of range ({})", text, self.range_text()))
                }
            }
            Kind::Count { min, max } => {
                if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!("'{}' is not a whole number", text));
                }
                match text.parse::<u64>() {
                    Ok(n) if (min..=max).contains(&n) => Ok(Value::Count(n)),
                    _ => Err(format!("{} is out of range ({})", text, self.range_text())),
                }
            }
            Kind::Choice(names) => names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(text))
                .map(|n| Value::Choice(n))
                .ok_or_else(|| format!("'{}' is not {}", text, self.range_text())),
            Kind::Flag => match text {
                "1" | "true" => Ok(Value::Flag(true)),
                "0" | "false" => Ok(Value::Flag(false)),
                _ => Err(format!("'{}' is not 0 or 1", text)),
            },
            Kind::Text { max, extra } => {
                let bad = text
                    .chars()
                    .find(|&c| !(c.is_ascii_alphanumeric() || extra.contains(c)));
                // Past the character check the text is ASCII: its length in bytes is in characters.
                match bad {
                    _ if text.is_empty() => Err(format!("empty: {}", self.range_text())),
                    Some(c) => Err(format!("{:?} is not allowed: {}", c, self.range_text())),
                    None if text.len() > max => Err(format!(
                        "{} characters is too long: {}",
                        text.len(),
                        self.range_text()
                    )),
                    None => Ok(Value::Text(text.to_string())),
                }
            }
        }
    }

    /// Checks a value that did not come from text (plan JSON).
    pub fn check(&self, value: Value) -> Result<Value, String> {
        match (self, value) {
            (Kind::Real { .. }, Value::Real(x)) if x.is_finite() => self.parse(&format_real(x)),
            (Kind::Real { .. }, Value::Count(n)) => self.parse(&n.to_string()),
            (Kind::Count { .. }, Value::Count(n)) => self.parse(&n.to_string()),
            (Kind::Choice(_), Value::Choice(s)) => self.parse(s),
            (Kind::Text { .. }, Value::Text(t)) => self.parse(&t),
            (Kind::Flag, Value::Flag(b)) => Ok(Value::Flag(b)),
            (Kind::Flag, Value::Count(n)) if n <= 1 => Ok(Value::Flag(n == 1)),
            _ => Err(format!("must be {}", self.range_text())),
        }
    }
}

/// Parses a plain decimal number: digits, one optional point and exponent; no `inf` or `NaN`.
fn parse_real(text: &str) -> Result<f64, String> {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && text.bytes().any(|b| b.is_ascii_digit());
    match text.parse::<f64>() {
        // Adding 0.0 turns -0 into 0, so that a plan never holds a negative zero.
        Ok(x) if plain && x.is_finite() => Ok(x + 0.0),
        _ => Err(format!("'{}' is not a number", text)),
    }
}

/// Writes a real the shortest way that reads back to the same value (Rust's `Display`).
pub fn format_real(x: f64) -> String {
    format!("{}", x)
}

impl Value {
    /// The canonical text of a value, as written in links.
    pub fn to_text(self) -> String {
        match self {
            Value::Real(x) => format_real(x),
            Value::Count(n) => n.to_string(),
            Value::Choice(s) => s.to_string(),
            Value::Flag(b) => if b { "1" } else { "0" }.to_string(),
            Value::Text(t) => t,
        }
    }
}

impl Plan {
    /// This plan with one parameter set from the text of its form field: the step from a
    /// keystroke to a new plan. The error says why the text is not a value of the parameter,
    /// or which other parameter the value contradicts and the rule; the plan itself is then
    /// unchanged (it keeps its last valid value).
    pub fn with_text(&self, param: &Param, text: &str) -> Result<Plan, String> {
        let value = param.kind.parse(text)?;
        let mut next = self.clone();
        (param.set)(&mut next, value);
        if let Some(c) = next
            .broken_constraints()
            .find(|c| c.params.contains(&param.name))
        {
            let other = if c.params[0] == param.name {
                c.params[1]
            } else {
                c.params[0]
            };
            return Err(format!("{} with {}: {}", text.trim(), other, c.rule));
        }
        Ok(next)
    }

    /// The constraints this plan breaks (none for a valid plan).
    pub fn broken_constraints(&self) -> impl Iterator<Item = &'static Constraint> + '_ {
        CONSTRAINTS.iter().filter(|c| !(c.holds)(self))
    }

    /// The parameters whose values differ from `other`'s, in canonical order, each with this
    /// plan's value and `other`'s as link text.
    pub fn differences<'a>(
        &'a self,
        other: &'a Plan,
    ) -> impl Iterator<Item = (&'static Param, String, String)> + 'a {
        PARAMS.iter().filter_map(move |p| {
            let (a, b) = ((p.get)(self), (p.get)(other));
            (a != b).then(|| (p, a.to_text(), b.to_text()))
        })
    }
}

/// The parameter reference as Markdown, grouped by section: `docs/PARAMETERS.md` is this text
/// (a test keeps the file in step).
pub fn reference_markdown() -> String {
    let default = Plan::default();
    let mut out = String::from(
        "# Plan parameters\n\nGenerated from the parameter table in `src/plan.rs` by `headroom params`; \
         a test fails when this file is out of date.\n\nEvery parameter is a share-link query parameter \
         (`?v=1&name=value`) and a key of the plan JSON. Links also take `v` (format version, 1), \
         `preset` (start from a preset) and `pin` (a pinned plan's canonical query).\n",
    );
    for group in [
        Group::Traffic,
        Group::Web,
        Group::Tasks,
        Group::Cluster,
        Group::Prices,
    ] {
        out.push_str(&format!(
            "\n## {}\n\n| name | meaning | unit | default | allowed |\n|---|---|---|---|---|\n",
            group.title()
        ));
        for p in PARAMS.iter().filter(|p| p.group == group) {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                p.name,
                p.help,
                if p.unit.is_empty() { "—" } else { p.unit },
                (p.get)(&default).to_text(),
                p.kind.range_text()
            ));
        }
    }
    out.push_str("\n## Pairs that must agree\n\n");
    for c in CONSTRAINTS {
        out.push_str(&format!(
            "- `{}` and `{}`: {}.\n",
            c.params[0], c.params[1], c.rule
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_plain() {
        for (i, p) in PARAMS.iter().enumerate() {
            assert!(p
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
            assert!(
                PARAMS[i + 1..].iter().all(|q| q.name != p.name),
                "{} twice",
                p.name
            );
            assert!(
                !matches!(p.name, "v" | "preset" | "pin"),
                "{} is reserved",
                p.name
            );
        }
    }

    #[test]
    fn every_default_is_in_range_and_constraints_hold() {
        let plan = Plan::default();
        for p in PARAMS {
            let v = (p.get)(&plan);
            assert_eq!(p.kind.check(v.clone()), Ok(v), "default of {}", p.name);
        }
        assert_eq!(plan.broken_constraints().count(), 0);
    }

    #[test]
    fn parse_refuses_what_is_not_a_plain_number() {
        let k = real(0.0, 10.0);
        for bad in [
            "", "abc", "NaN", "inf", "-inf", "infinity", "1e308", "11", "-1", "0x10", "1,5",
        ] {
            assert!(k.parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(k.parse("2.5"), Ok(Value::Real(2.5)));
        assert_eq!(k.parse("-0"), Ok(Value::Real(0.0)));
        assert!(positive(10.0).parse("0").is_err());
        assert!(count(1, 5).parse("2.0").is_err());
        assert!(count(1, 5).parse("0").is_err());
        assert_eq!(
            Kind::Choice(AllocMode::NAMES).parse("AKS"),
            Ok(Value::Choice("aks"))
        );
    }
}
