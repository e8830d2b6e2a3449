//! chromedriver, in its own process group.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// chromedriver in its own process group; dropping it kills the group (and so Chromium).
pub struct Driver {
    child: Child,
    /// The port chromedriver listens on.
    pub port: u16,
}

impl Driver {
    pub fn start() -> Driver {
        use std::os::unix::process::CommandExt;
        let port = super::free_port();
        let child =
            Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
                .arg(format!("--port={}", port))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .expect("start chromedriver (scripts/setup --test installs it)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start on port {}",
                port
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // A negative pid names the process group: chromedriver and the Chromium it started.
        // procps' kill needs `--` before it, or it reads the pid as an option.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
