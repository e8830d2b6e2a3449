//! The plan: every input of Headroom, defined once in a parameter table.
//!
//! By job: [`value`] (what a parameter holds and accepts, and how it reads as text, with the
//! automatic token), [`choices`] (the enumerations), [`params`] (the table: each input's
//! share-link name, label, unit, range, help and field), [`constraints`] (pairs that must
//! agree) and [`reference`] (the Markdown reference rendered from the table). The codec in
//! `share`, the plan JSON, `docs/PARAMETERS.md` and the form fields all come from the table, so
//! they cannot drift apart.
//!
//! A `Plan` value is always valid: the codec, the plan JSON loader and the form check every
//! value against its [`Kind`] and every pair against [`CONSTRAINTS`] before a plan is built.
//! A Rust field carries its unit in its name where the link name does not (`web_mem_mib`,
//! link `web_mem`); serde's names are the link names.

pub mod choices;
pub mod constraints;
pub mod decimal;
pub mod form;
pub mod params;
pub mod reference;
pub mod shapes;
pub mod value;

pub use choices::*;
pub use constraints::{Constraint, CONSTRAINTS};
pub use form::Form;
pub use params::{
    changed_by_group, changed_in, in_group, param, Field, Group, Param, ESSENTIALS, PARAMS,
};
pub use reference::reference_markdown;
pub use value::{format_real, shown, Auto, Budget, FieldType, Kind, Value, WrongKind};

use serde::Serialize;

/// A complete, valid set of inputs. Each field's documentation names its link parameter;
/// what it means, its range and default are in [`PARAMS`] and `docs/PARAMETERS.md`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    // Traffic
    /// Peak traffic, req/s (`peak_rps`).
    pub peak_rps: f64,
    /// Off-peak traffic, req/s (`offpeak_rps`).
    pub offpeak_rps: f64,
    /// Mean latency, ms (`latency_ms`).
    pub latency_ms: f64,
    /// Peak hours, h/day (`hours_peak`).
    pub hours_peak: f64,
    /// Traffic growth a month, % (`growth_pct_month`).
    pub growth_pct_month: f64,
    /// Time to raise a limit, months (`lead_time_months`).
    pub lead_time_months: u32,
    /// Platform (`platform`).
    pub platform: Platform,
    /// Stage (`stage`).
    pub stage: Stage,
    /// High availability (`ha`).
    pub ha: bool,

    // Web tier
    /// Capacity from (`capacity`).
    pub capacity: CapacityMode,
    /// Capacity per pod, req/s (`rps_per_pod`).
    pub rps_per_pod: f64,
    /// Capacity per worker, req/s (`worker_rps`).
    pub worker_rps: f64,
    /// The Universal Scalability Law's contention σ, 0–1 (`usl_sigma`).
    pub usl_sigma: f64,
    /// The Universal Scalability Law's coherency κ, 0–1 (`usl_kappa`).
    pub usl_kappa: f64,
    /// The Universal Scalability Law's λ, the throughput of one request in flight, req/s
    /// (`usl_lambda`).
    #[serde(rename = "usl_lambda")]
    pub usl_lambda_rps: f64,
    /// The largest concurrency the load test measured; 0 = unknown (`usl_max_n`).
    pub usl_max_n: f64,
    /// CPU per request, ms (`cpu_ms`).
    pub cpu_ms: f64,
    /// Workers per pod (`workers`).
    pub workers: u32,
    /// Threads per worker (`threads`).
    pub threads: u32,
    /// Memory per worker, MiB (`worker_mem`).
    #[serde(rename = "worker_mem")]
    pub worker_mem_mib: f64,
    /// Peak buffer, × (`buffer`).
    pub buffer: f64,
    /// Min replicas, pods (`min_replicas`).
    pub min_replicas: u32,
    /// HPA max (0 = auto), pods (`hpa_max`).
    pub hpa_max: Auto<u32>,
    /// HPA CPU target, % (`hpa_cpu`).
    #[serde(rename = "hpa_cpu")]
    pub hpa_cpu_pct: f64,
    /// CPU at capacity, % (`cpu_at_capacity`).
    #[serde(rename = "cpu_at_capacity")]
    pub cpu_at_capacity_pct: f64,
    /// CPU request, cores (`web_cpu`).
    #[serde(rename = "web_cpu")]
    pub web_cpu_cores: f64,
    /// Memory request, MiB (`web_mem`).
    #[serde(rename = "web_mem")]
    pub web_mem_mib: f64,
    /// CPU limit, cores (`web_cpu_limit`).
    #[serde(rename = "web_cpu_limit")]
    pub web_cpu_limit_cores: f64,
    /// Memory limit, MiB (`web_mem_limit`).
    #[serde(rename = "web_mem_limit")]
    pub web_mem_limit_mib: f64,
    /// Worker timeout, s (`worker_timeout`).
    #[serde(rename = "worker_timeout")]
    pub worker_timeout_s: u32,
    /// Keep-alive, s (`keepalive`).
    #[serde(rename = "keepalive")]
    pub keepalive_s: u32,
    /// Max requests, requests (`max_requests`).
    pub max_requests: u32,
    /// Max requests jitter, requests (`max_requests_jitter`).
    pub max_requests_jitter: u32,
    /// Graceful timeout, s (`graceful_timeout`).
    #[serde(rename = "graceful_timeout")]
    pub graceful_timeout_s: u32,
    /// Container image (`image`).
    pub image: String,
    /// App module (`app_module`).
    pub app_module: String,

    // Background work
    /// Peak tasks, tasks (`tasks`).
    pub tasks: u32,
    /// Task arrival rate, tasks/s (`task_rate`).
    pub task_rate: f64,
    /// Task duration, s (`task_s`).
    pub task_s: f64,
    /// Queue length target, tasks (`queue_target`).
    pub queue_target: u32,
    /// Tasks per worker pod, tasks (`task_concurrency`).
    pub task_concurrency: u32,
    /// Min worker replicas, pods (`task_min`).
    pub task_min: u32,
    /// KEDA max (0 = auto), pods (`keda_max`).
    pub keda_max: Auto<u32>,
    /// CPU request, cores (`task_cpu`).
    #[serde(rename = "task_cpu")]
    pub task_cpu_cores: f64,
    /// Memory request, MiB (`task_mem`).
    #[serde(rename = "task_mem")]
    pub task_mem_mib: f64,
    /// CPU limit, cores (`task_cpu_limit`).
    #[serde(rename = "task_cpu_limit")]
    pub task_cpu_limit_cores: f64,
    /// Memory limit, MiB (`task_mem_limit`).
    #[serde(rename = "task_mem_limit")]
    pub task_mem_limit_mib: f64,
    /// Task kind (`task_kind`).
    pub task_kind: TaskKind,
    /// Task length (`task_length`).
    pub task_length: TaskLength,
    /// Task memory (`task_memory`).
    pub task_memory: TaskMemory,
    /// Hard time limit, s (`task_time_limit`).
    #[serde(rename = "task_time_limit")]
    pub task_time_limit_s: u32,
    /// Soft time limit (0 = auto), s (`task_soft_limit`).
    #[serde(rename = "task_soft_limit")]
    pub task_soft_limit_s: Auto<u32>,
    /// Grace period (0 = auto), s (`grace_s`).
    pub grace_s: Auto<u32>,
    /// Max retries, retries (`max_retries`).
    pub max_retries: u32,
    /// Retry delay, s (`retry_delay_s`).
    pub retry_delay_s: u32,
    /// Retry delay cap, s (`retry_max_s`).
    pub retry_max_s: u32,
    /// Celery app (`celery_app`).
    pub celery_app: String,

    // Cluster
    /// User pool VM (`node_vm`).
    pub node_vm: VmSize,
    /// VM sizes allowed, comma-separated; empty = all (`vm_allow`).
    pub vm_allow: String,
    /// VM prices, USD/h, `name:price` comma-separated (`vm_prices`).
    pub vm_prices: String,
    /// System pool VM (`sys_vm`).
    pub sys_vm: VmSize,
    /// System nodes, nodes (`sys_nodes`).
    pub sys_nodes: u32,
    /// Allocatable from (`alloc`).
    pub alloc: AllocMode,
    /// AKS rules (`aks_rules`).
    pub aks_rules: AksRules,
    /// Allocatable CPU, cores (`node_cpu`).
    #[serde(rename = "node_cpu")]
    pub node_cpu_cores: f64,
    /// Allocatable memory, GiB (`node_mem`).
    #[serde(rename = "node_mem")]
    pub node_mem_gib: f64,
    /// Max pods per node, pods (`node_pods`).
    pub node_pods: u32,
    /// DaemonSet CPU, cores (`ds_cpu`).
    #[serde(rename = "ds_cpu")]
    pub ds_cpu_cores: f64,
    /// DaemonSet memory, MiB (`ds_mem`).
    #[serde(rename = "ds_mem")]
    pub ds_mem_mib: f64,
    /// DaemonSet pods, pods (`ds_pods`).
    pub ds_pods: u32,
    /// Autoscaler min, nodes (`node_min`).
    pub node_min: u32,
    /// Autoscaler max (0 = auto), nodes (`node_max`).
    pub node_max: Auto<u32>,
    /// Spare nodes, fraction (`spare`).
    pub spare: f64,

    // Scale to zero (Azure Container Apps; https://learn.microsoft.com/azure/container-apps/scale-app, https://learn.microsoft.com/azure/container-apps/billing)
    /// Min replicas, replicas (`aca_min`).
    pub aca_min: u32,
    /// Max replicas, replicas (`aca_max`).
    pub aca_max: u32,
    /// CPU per replica, cores (`aca_cpu`).
    #[serde(rename = "aca_cpu")]
    pub aca_cpu_cores: f64,
    /// Memory per replica, GiB (`aca_mem`).
    #[serde(rename = "aca_mem")]
    pub aca_mem_gib: f64,
    /// Concurrent requests, requests (`aca_concurrency`).
    pub aca_concurrency: u32,
    /// Active hours, h/day (`active_h`).
    pub active_h: f64,
    /// Cold start, s (`cold_start_s`).
    pub cold_start_s: f64,
    /// Client deadline (0 = none), s (`deadline_s`).
    pub deadline_s: f64,
    /// Max connections, connections (`max_connections`).
    pub max_connections: u32,
    /// Max connections per child, connections (`max_connections_per_child`).
    pub max_connections_per_child: u32,

    // Edge and data stores (https://nginx.org/en/docs/ngx_core_module.html#worker_connections, https://www.mongodb.com/docs/languages/python/pymongo-driver/current/connect/connection-options/connection-pools/, https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure)
    /// Host cores, cores (`cores`).
    pub cores: u32,
    /// Worker connections, connections (`nginx_conn`).
    pub nginx_conn: u32,
    /// Proxy upstream keep-alive, s (`proxy_keepalive_s`).
    pub proxy_keepalive_s: u32,
    /// Proxy read timeout, s (`proxy_read_timeout_s`).
    pub proxy_read_timeout_s: u32,
    /// Rate limit, req/s (`rate`).
    #[serde(rename = "rate")]
    pub rate_rps: f64,
    /// Burst, requests (`burst`).
    pub burst: u32,
    /// Client addresses, addresses (`clients`).
    pub clients: u32,
    /// Instances (0 = auto), instances (`instances`).
    pub instances: Auto<u32>,
    /// Pool size, connections (`pool_size`).
    pub pool_size: u32,
    /// Max overflow, connections (`max_overflow`).
    pub max_overflow: u32,
    /// Pool buffer, × (`pool_buffer`).
    pub pool_buffer: f64,
    /// Database max connections, connections (`db_max_conn`).
    pub db_max_conn: u32,
    /// Redis tier (`redis_tier`).
    pub redis_tier: RedisTier,
    /// Redis host (`redis_host`).
    pub redis_host: String,
    /// Redis connections per web process, connections (`redis_conn_web`).
    pub redis_conn_web: u32,
    /// Redis connections per worker pod, connections (`redis_conn_task`).
    pub redis_conn_task: u32,
    /// Redis eviction policy (`redis_policy`).
    pub redis_policy: RedisPolicy,
    /// Redis maxmemory (0 = auto), MB (`redis_maxmemory_mb`).
    pub redis_maxmemory_mb: Auto<u32>,
    /// Task payload, KiB (`task_kb`).
    #[serde(rename = "task_kb")]
    pub task_kib: f64,
    /// Cache memory, MiB (`cache_mb`).
    #[serde(rename = "cache_mb")]
    pub cache_mib: f64,

    // Prices
    /// Spot user pool (`spot`).
    pub spot: bool,
    /// Spot discount (0 = the price book's Spot price), fraction (`spot_discount`).
    pub spot_discount: Auto<f64>,
    /// User VM price (0 = catalogue), USD/h (`node_price`).
    #[serde(rename = "node_price")]
    pub node_usd_per_h: Auto<f64>,
    /// System VM price (0 = catalogue), USD/h (`sys_price`).
    #[serde(rename = "sys_price")]
    pub sys_usd_per_h: Auto<f64>,
    /// Control plane tier (`aks_tier`).
    pub aks_tier: AksTier,
    /// Redis price, USD/month (`redis_price`).
    #[serde(rename = "redis_price")]
    pub redis_usd_per_month: f64,
    /// ACA active vCPU rate, USD/vCPU-s (`aca_vcpu_rate`).
    #[serde(rename = "aca_vcpu_rate")]
    pub aca_vcpu_usd_per_s: f64,
    /// ACA idle vCPU rate, USD/vCPU-s (`aca_idle_rate`).
    #[serde(rename = "aca_idle_rate")]
    pub aca_idle_usd_per_vcpu_s: f64,
    /// ACA memory rate, USD/GiB-s (`aca_mem_rate`).
    #[serde(rename = "aca_mem_rate")]
    pub aca_mem_usd_per_gib_s: f64,
    /// ACA request rate, USD/M requests (`aca_req_rate`).
    #[serde(rename = "aca_req_rate")]
    pub aca_usd_per_million_requests: f64,
    /// ACA free grants (`aca_grants`).
    pub aca_grants: bool,

    // Day (docs/SIMULATION.md)
    /// Traffic profile, % of peak: 24 hourly levels (or 48, 96, 288 finer ones), empty for the
    /// two-level day (`day`).
    pub day: Vec<f64>,
    /// How much the busiest sample of an imported day ran above its busiest 5 minutes, × (`day_burst`).
    pub day_burst: f64,
    /// Peak starts at, h (`peak_start`).
    #[serde(rename = "peak_start")]
    pub peak_start_h: f64,
    /// Ramp, s (`ramp_s`).
    pub ramp_s: u32,
    /// Spike, × load (`spike_x`).
    pub spike_x: f64,
    /// Spike at, h (`spike_at_h`).
    pub spike_at_h: f64,
    /// Spike length, min (`spike_min`).
    pub spike_min: u32,
    /// Pod start, s (`pod_start_s`).
    pub pod_start_s: u32,
    /// Node start, s (`node_start_s`).
    pub node_start_s: u32,
    /// HPA scale-up pods per period (`hpa_up_pods`).
    pub hpa_up_pods: u32,
    /// HPA scale-up percent per period (`hpa_up_pct`).
    pub hpa_up_pct: u32,
    /// HPA scale-up period, s (`hpa_up_period_s`).
    pub hpa_up_period_s: u32,
    /// HPA scale-down stabilisation window, s (`hpa_down_window_s`).
    pub hpa_down_window_s: u32,
    /// HPA scale-down percent per 15 s (`hpa_down_pct`).
    pub hpa_down_pct: u32,
    /// HPA tolerance (`hpa_tolerance`).
    pub hpa_tolerance: f64,
    /// KEDA polling interval, s (`keda_poll_s`).
    pub keda_poll_s: u32,
    /// KEDA cooldown, s (`keda_cooldown_s`).
    pub keda_cooldown_s: u32,
    /// Cluster autoscaler unneeded time, s (`ca_unneeded_s`).
    pub ca_unneeded_s: u32,
    /// Cluster autoscaler delay after add, s (`ca_delay_after_add_s`).
    pub ca_delay_after_add_s: u32,
    /// Container Apps cooldown, s (`aca_cooldown_s`).
    pub aca_cooldown_s: u32,
    /// Overprovisioning placeholder pods (`overprovision`).
    pub overprovision: u32,

    // Resilience (docs/RESILIENCE.md)
    /// Availability zones (`zones`).
    pub zones: u32,
    /// Zone pools (`zone_pools`).
    pub zone_pools: ZonePools,
    /// Survive a lost zone at peak (`survive_zone`).
    pub survive_zone: bool,
    /// Nodes the peak survives losing (`survive_nodes`).
    pub survive_nodes: u32,
    /// Upgrade surge, % of the pool (`max_surge_pct`).
    pub max_surge_pct: u32,
    /// Upgrade surge (0 = the percentage), nodes (`max_surge_nodes`).
    pub max_surge_nodes: u32,
    /// Node drain timeout, min (`drain_timeout_min`).
    pub drain_timeout_min: u32,
    /// Rollout maxSurge, % (`rollout_surge`).
    #[serde(rename = "rollout_surge")]
    pub rollout_surge_pct: u32,
    /// Rollout maxUnavailable, % (`rollout_unavailable`).
    #[serde(rename = "rollout_unavailable")]
    pub rollout_unavailable_pct: u32,
    /// Disruption budget, pods that may be unavailable (`pdb`).
    pub pdb: Budget,
    /// Regional vCPU quota (0 = unknown), vCPUs (`vcpu_quota`).
    pub vcpu_quota: u32,
    /// Network plugin (`network`).
    pub network: Network,
    /// Node subnet prefix length (`subnet_prefix`).
    pub subnet_prefix: u32,

    // Buying (issue #17)
    /// The region whose prices the book gives (`region`).
    pub region: Region,
    /// How the user and system pools are bought (`commitment`).
    pub commitment: Commitment,
    /// Hourly price of one user VM under the commitment (0 = the price book), USD/h
    /// (`commit_price`).
    #[serde(rename = "commit_price")]
    pub commit_usd_per_h: Auto<f64>,
    /// Spot evictions a month the workers live through (`spot_evictions_month`).
    pub spot_evictions_month: u32,
    /// One node's OS disk (0 = the price book), USD/month (`disk_price`).
    #[serde(rename = "disk_price")]
    pub disk_usd_per_month: Auto<f64>,
    /// The Standard load balancer (0 = the price book), USD/h (`lb_price`).
    #[serde(rename = "lb_price")]
    pub lb_usd_per_h: Auto<f64>,
    /// Its public IP (0 = the price book), USD/h (`ip_price`).
    #[serde(rename = "ip_price")]
    pub ip_usd_per_h: Auto<f64>,
    /// The AKS Standard tier (0 = the price book), USD/h (`aks_price`).
    #[serde(rename = "aks_price")]
    pub aks_usd_per_h: Auto<f64>,
    /// Where the background workers run (`worker_pool`).
    pub worker_pool: WorkerPool,
    /// The worker pool's VM (`worker_vm`).
    pub worker_vm: VmSize,
    /// The worker pool's autoscaler minimum, nodes (`worker_nodes_min`).
    pub worker_nodes_min: u32,
    /// The worker pool's autoscaler maximum (0 = auto), nodes (`worker_nodes_max`).
    pub worker_nodes_max: Auto<u32>,
}

impl Default for Plan {
    /// The default plan: the AKS example's deployment (FastAPI + Celery on AKS).
    fn default() -> Self {
        Plan {
            peak_rps: 100.0,
            offpeak_rps: 0.0,
            latency_ms: 50.0,
            hours_peak: 24.0,
            growth_pct_month: 0.0,
            lead_time_months: 3,
            platform: Platform::Aks,
            stage: Stage::Prod,
            ha: false,
            capacity: CapacityMode::Measured,
            rps_per_pod: 20.0,
            worker_rps: 250.0,
            cpu_ms: 10.0,
            usl_sigma: 0.0,
            usl_kappa: 0.0,
            usl_lambda_rps: 20.0,
            usl_max_n: 0.0,
            workers: 1,
            threads: 1,
            worker_mem_mib: 150.0,
            buffer: 1.5,
            min_replicas: 3,
            hpa_max: Auto::Auto,
            hpa_cpu_pct: 70.0,
            // Today's assumption: a pod at its capacity uses all of its CPU request.
            cpu_at_capacity_pct: 100.0,
            web_cpu_cores: 0.25,
            web_mem_mib: 256.0,
            web_cpu_limit_cores: 0.5,
            web_mem_limit_mib: 512.0,
            worker_timeout_s: 30,
            keepalive_s: 5,
            max_requests: 1000,
            max_requests_jitter: 100,
            graceful_timeout_s: 30,
            image: "registry.example.com/app:latest".to_string(),
            app_module: "app.main:app".to_string(),
            tasks: 1000,
            task_rate: 0.0,
            task_s: 30.0,
            queue_target: 5,
            task_concurrency: 1,
            task_min: 0,
            keda_max: Auto::Auto,
            task_cpu_cores: 0.5,
            task_mem_mib: 512.0,
            task_cpu_limit_cores: 1.0,
            task_mem_limit_mib: 1024.0,
            task_kind: TaskKind::Io,
            task_length: TaskLength::Mixed,
            task_memory: TaskMemory::Normal,
            task_time_limit_s: 300,
            task_soft_limit_s: Auto::Auto,
            grace_s: Auto::Auto,
            max_retries: 3,
            retry_delay_s: 60,
            retry_max_s: 600,
            celery_app: "app.celery_app".to_string(),
            node_vm: VmSize::D4sV5,
            vm_allow: String::new(),
            vm_prices: String::new(),
            sys_vm: VmSize::Ds2V2,
            sys_nodes: 2,
            alloc: AllocMode::Fixed,
            aks_rules: AksRules::Current,
            node_cpu_cores: 3.8,
            node_mem_gib: 14.0,
            node_pods: 110,
            ds_cpu_cores: 0.0,
            ds_mem_mib: 0.0,
            ds_pods: 0,
            node_min: 2,
            node_max: Auto::Auto,
            spare: 0.1,
            aca_min: 0,
            aca_max: 10,
            aca_cpu_cores: 0.5,
            aca_mem_gib: 1.0,
            aca_concurrency: 10,
            active_h: 8.0,
            cold_start_s: 2.0,
            deadline_s: 0.0,
            max_connections: 1000,
            max_connections_per_child: 0,
            cores: 4,
            nginx_conn: 10_000,
            proxy_keepalive_s: 0,
            proxy_read_timeout_s: 60,
            rate_rps: 100.0,
            burst: 200,
            clients: 1000,
            instances: Auto::Auto,
            pool_size: 10,
            max_overflow: 10,
            pool_buffer: 1.2,
            db_max_conn: 1000,
            redis_tier: RedisTier::C1,
            redis_host: "my-cache.redis.cache.windows.net".to_string(),
            redis_conn_web: 2,
            redis_conn_task: 10,
            redis_policy: RedisPolicy::NoEviction,
            redis_maxmemory_mb: Auto::Auto,
            task_kib: 4.0,
            cache_mib: 0.0,
            spot: false,
            // Issue #17: the book's Spot price unless the plan gives a discount (was 0.6).
            spot_discount: Auto::Auto,
            node_usd_per_h: Auto::Auto,
            sys_usd_per_h: Auto::Auto,
            aks_tier: AksTier::Standard,
            redis_usd_per_month: 0.0,
            aca_vcpu_usd_per_s: 0.000024,
            aca_idle_usd_per_vcpu_s: 0.000003,
            aca_mem_usd_per_gib_s: 0.000003,
            aca_usd_per_million_requests: 0.4,
            aca_grants: true,
            day: Vec::new(),
            day_burst: 1.0,
            peak_start_h: 8.0,
            ramp_s: 0,
            spike_x: 1.0,
            spike_at_h: 12.0,
            spike_min: 10,
            // Assumptions (docs/SIMULATION.md): no published figure for either.
            pod_start_s: 30,
            node_start_s: 240,
            // Kubernetes' default HPA behavior (https://kubernetes.io/docs/concepts/workloads/autoscaling/horizontal-pod-autoscale/).
            hpa_up_pods: 4,
            hpa_up_pct: 100,
            hpa_up_period_s: 15,
            hpa_down_window_s: 300,
            hpa_down_pct: 100,
            hpa_tolerance: 0.1,
            // KEDA ScaledObject defaults (https://keda.sh/docs/latest/reference/scaledobject-spec/).
            keda_poll_s: 30,
            keda_cooldown_s: 300,
            // Cluster autoscaler profile defaults (https://learn.microsoft.com/azure/aks/cluster-autoscaler).
            ca_unneeded_s: 600,
            ca_delay_after_add_s: 600,
            // Container Apps scale-down stabilisation (https://learn.microsoft.com/azure/container-apps/scale-app).
            aca_cooldown_s: 300,
            overprovision: 0,
            // Resilience: everything off, so old links keep their figures.
            zones: 1,
            zone_pools: ZonePools::One,
            survive_zone: false,
            survive_nodes: 0,
            // AKS's defaults (learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling:
            // max surge 10 % since API 2024-...; drain timeout 30 min).
            max_surge_pct: 10,
            max_surge_nodes: 0,
            drain_timeout_min: 30,
            // Kubernetes' Deployment defaults: maxSurge and maxUnavailable 25 %.
            rollout_surge_pct: 25,
            rollout_unavailable_pct: 25,
            // Today's export: a PodDisruptionBudget with maxUnavailable 1.
            pdb: Budget::Unavailable(1),
            vcpu_quota: 0,
            network: Network::Kubenet,
            subnet_prefix: 24,
            region: Region::EastUs,
            commitment: Commitment::Payg,
            commit_usd_per_h: Auto::Auto,
            spot_evictions_month: 0,
            disk_usd_per_month: Auto::Auto,
            lb_usd_per_h: Auto::Auto,
            ip_usd_per_h: Auto::Auto,
            aks_usd_per_h: Auto::Auto,
            // Today's single user pool: workers beside the web pods.
            worker_pool: WorkerPool::Shared,
            worker_vm: VmSize::D4sV5,
            // AKS lets a user pool scale to zero (min-count 0): a worker pool idles at no cost.
            worker_nodes_min: 0,
            worker_nodes_max: Auto::Auto,
        }
    }
}

/// A VM size's price in a `vm_prices` list (`name:price`, comma-separated), USD per hour.
pub fn vm_price(list: &str, size: &str) -> Option<f64> {
    list.split(',').find_map(|pair| {
        let (name, usd) = pair.split_once(':')?;
        (name == size).then(|| decimal::parse(usd)).flatten()
    })
}

impl Plan {
    /// This plan with one parameter set from the text of its form field: the step from a
    /// keystroke to a new plan. The error says why the text is not a value of the parameter,
    /// or which other parameter the value contradicts and the rule; the plan itself is then
    /// unchanged (it keeps its last valid value).
    pub fn with_text(&self, param: &Param, text: &str) -> Result<Plan, String> {
        let value = param.kind.parse_typed(text)?;
        let mut next = self.clone();
        param
            .set(&mut next, value)
            .map_err(|e| format!("{}: {}", param.name, e))?;
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

    /// Whether any parameter of `group` differs from its default: the later groups (the day,
    /// resilience) change the files a plan writes only when they are used.
    pub fn uses(&self, group: Group) -> bool {
        let default = Plan::default();
        PARAMS
            .iter()
            .any(|p| p.group == group && p.get(self) != p.get(&default))
    }

    /// Why an input does nothing in this plan, when it does not: each capacity mode reads its
    /// own inputs (`rps_per_pod`, `worker_rps`, `cpu_ms`, the `usl_*` fit), e.g. "not used
    /// while capacity = measured".
    pub fn unused_because(&self, name: &str) -> Option<String> {
        let reads = match name {
            "rps_per_pod" => CapacityMode::Measured,
            "worker_rps" => CapacityMode::PerWorker,
            "cpu_ms" => CapacityMode::Derived,
            "usl_sigma" | "usl_kappa" | "usl_lambda" | "usl_max_n" => CapacityMode::Usl,
            _ => return None,
        };
        (self.capacity != reads)
            .then(|| format!("not used while capacity = {}", self.capacity.as_str()))
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
            let (a, b) = (p.get(self), p.get(other));
            (a != b).then(|| (p, a.to_text(), b.to_text()))
        })
    }
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

    /// The table and the struct describe the same fields: serde's keys (the link names) are
    /// the table's names in order, and each row's setter writes its own field and no other.
    #[test]
    fn every_row_owns_one_field() {
        let json = serde_json::to_value(Plan::default()).expect("plan JSON");
        let keys: Vec<&str> = json
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        let names: Vec<&str> = PARAMS.iter().map(|p| p.name).collect();
        assert_eq!(keys, names);
        let default = Plan::default();
        for p in PARAMS {
            let numbers = |kind: Kind| match kind {
                Kind::Real { min, max, .. } => {
                    vec![Value::Real(max), Value::Real((min + max) / 2.0)]
                }
                Kind::Count { min, max } => {
                    vec![Value::Count(max), Value::Count(min + (max - min) / 2)]
                }
                _ => vec![],
            };
            let candidates = match p.kind {
                Kind::Auto {
                    token: value::BUDGET_AUTO,
                    ..
                } => vec![Value::Auto(value::BUDGET_AUTO), Value::Count(0)],
                Kind::Auto { value, .. } => numbers(*value),
                Kind::Choice(names) => names.iter().map(|n| Value::Choice(n)).collect(),
                Kind::Flag => vec![Value::Flag(true), Value::Flag(false)],
                Kind::Text { .. } => vec![Value::Text("x".into())],
                Kind::Names(names) => vec![Value::Text(names[0].to_string())],
                Kind::Rates { names, .. } => vec![Value::Text(format!("{}:0.5", names[0]))],
                Kind::Hour => vec![Value::Real(23.5), Value::Real(0.0)],
                Kind::Series { lens, max, .. } => lens
                    .iter()
                    .map(|&len| Value::Series(vec![max; len]))
                    .collect(),
                kind => numbers(kind),
            };
            // A choice of one (the price book's one region) has no other value to set.
            let Some(other) = candidates.into_iter().find(|v| *v != p.get(&default)) else {
                assert!(
                    matches!(p.kind, Kind::Choice(names) if names.len() == 1),
                    "{}",
                    p.name
                );
                continue;
            };
            let mut plan = default.clone();
            p.set(&mut plan, other.clone()).expect(p.name);
            let changed = serde_json::to_value(&plan).expect("plan JSON");
            for (key, value) in changed.as_object().expect("object") {
                let moved = json[key.as_str()] != *value;
                assert_eq!(moved, key == p.name, "setting {} moved {key}", p.name);
            }
            assert_eq!(p.get(&plan), other, "{}", p.name);
        }
    }

    #[test]
    fn a_field_edit_gives_the_next_plan_or_says_why_not() {
        let plan = Plan::default();
        let cpu = param("web_cpu").expect("web_cpu");
        let next = plan.with_text(cpu, " 0.4 ").expect("in range");
        assert_eq!(next.web_cpu_cores, 0.4);
        assert_eq!(
            plan.with_text(cpu, "1"),
            Err("1 with web_cpu_limit: a CPU request cannot exceed its limit".to_string())
        );
        assert!(plan.with_text(cpu, "abc").is_err());
        let hpa_max = param("hpa_max").expect("hpa_max");
        assert_eq!(
            plan.with_text(hpa_max, "0").map(|p| p.hpa_max),
            Ok(Auto::Auto)
        );
        assert_eq!(
            plan.with_text(hpa_max, "12").map(|p| p.hpa_max),
            Ok(Auto::Set(12))
        );
    }

    #[test]
    fn setting_a_value_of_the_wrong_kind_is_an_error() {
        let mut plan = Plan::default();
        let peak = param("peak_rps").expect("peak_rps");
        assert!(peak.set(&mut plan, Value::Flag(true)).is_err());
        assert!(param("hpa_max")
            .expect("hpa_max")
            .set(&mut plan, Value::Text("x".into()))
            .is_err());
        assert_eq!(plan, Plan::default());
    }

    #[test]
    fn every_default_is_in_range_and_constraints_hold() {
        let plan = Plan::default();
        for p in PARAMS {
            let v = p.get(&plan);
            assert_eq!(p.kind.check(v.clone()), Ok(v), "default of {}", p.name);
        }
        assert_eq!(plan.broken_constraints().count(), 0);
    }
}
