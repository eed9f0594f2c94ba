//! `sifsim serve` as a process on real sockets: it prints its address, warns when it listens
//! beyond this machine, answers only requests naming its own hosts, survives idle and half-sent
//! connections beyond its file descriptors, and stops cleanly when told.
#![cfg(all(feature = "serve", unix))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;

/// `sifsim serve` started by `sh -c SCRIPT` (`$SIFSIM` is the program), and its port.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(script: &str) -> Server {
        let mut child = Process::new("sh")
            .args(["-c", script])
            .env("SIFSIM", cargo_bin("sifsim"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = (line.rsplit(':').next())
            .and_then(|tail| tail.split_whitespace().next())
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server { child, port }
    }

    /// The status line of `GET /` naming `host` (with the port), or the error.
    fn get(&self, host: &str) -> std::io::Result<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        let request = format!(
            "GET / HTTP/1.1\r\nHost: {host}:{}\r\nConnection: close\r\n\r\n",
            self.port
        );
        stream.write_all(request.as_bytes())?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        Ok(answer.lines().next().unwrap_or_default().to_string())
    }

    /// Stops it with `signal`; its exit status and what it wrote to stderr.
    fn stop(mut self, signal: &str) -> (std::process::ExitStatus, String) {
        let killed = Process::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "it did not stop on {signal}"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut stderr = String::new();
        (self.child.stderr.take().unwrap())
            .read_to_string(&mut stderr)
            .unwrap();
        (status, stderr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_server_prints_its_address_warns_off_loopback_and_stops_when_told() {
    let server = Server::start("exec \"$SIFSIM\" serve --host 0.0.0.0 --port 0");
    let (status, stderr) = server.stop("-TERM");
    assert!(status.success(), "{status}");
    assert!(stderr.contains("warning: listening on 0.0.0.0"), "{stderr}");
    assert!(stderr.contains("--allow-host"), "{stderr}");
}

/// Regression: with a non-loopback `--host` the Host check was off, which opened the page to
/// DNS rebinding. Now a foreign Host is refused on any address; the machine's own names and the
/// names allowed are answered.
#[test]
fn a_foreign_host_is_refused_on_any_address() {
    let server =
        Server::start("exec \"$SIFSIM\" serve --host 0.0.0.0 --port 0 --allow-host sifsim.lan");
    for (host, status) in [
        ("evil.example", "HTTP/1.1 421 Misdirected Request"),
        ("127.0.0.1", "HTTP/1.1 200 OK"),
        ("localhost", "HTTP/1.1 200 OK"),
        ("sifsim.lan", "HTTP/1.1 200 OK"),
    ] {
        assert_eq!(server.get(host).unwrap(), status, "{host}");
    }
}

/// Regression: the server never closed an idle or half-sent connection and, out of file
/// descriptors, panicked and exited (about 250 idle connections under a limit of 256). Now it
/// holds at most its cap of connections, closes those that send no request within its header
/// deadline, and answers again once they are gone.
#[test]
fn the_server_survives_idle_connections_under_a_lowered_descriptor_limit() {
    let server = Server::start("ulimit -n 256 && exec \"$SIFSIM\" serve --port 0");
    // 300 idle connections and one half-sent request, held open.
    let mut idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", server.port)).ok())
        .collect();
    let mut half = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: 127.").unwrap();
    idle.push(half);
    // Answered again within the header deadline and then some, the process alive throughout.
    let started = Instant::now();
    loop {
        if server
            .get("127.0.0.1")
            .is_ok_and(|status| status == "HTTP/1.1 200 OK")
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(40),
            "never answered again"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // The idle connections it took were closed, not held.
    let mut byte = [0u8; 1];
    let taken = &mut idle[0];
    taken
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    assert!(matches!(taken.read(&mut byte), Ok(0) | Err(_)));
    let (status, _) = server.stop("-INT");
    assert!(status.success(), "{status}");
}
