//! The network side of `serve`: listening (the next free port when the asked one is taken) and
//! the addresses the preview is seen at, on this computer and on a phone of the same network.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, UdpSocket};

use crate::diag::messages::console::Console;
use crate::i18n::Lang;

/// How many ports are tried, from the asked one up, when it is taken.
const TRIES: u16 = 20;

/// Listens on `ip:port`; on a taken port, the next free one (returned with the port asked for).
/// Port 0 is any free one. `None` after printing why not.
pub fn bind(ip: IpAddr, port: u16, lang: Lang) -> Option<(TcpListener, Option<u16>)> {
    let tries = if port == 0 { 1 } else { TRIES };
    let mut last = None;
    for i in 0..tries {
        match TcpListener::bind(SocketAddr::new(ip, port.saturating_add(i))) {
            Ok(l) => return Some((l, (i > 0).then_some(port))),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => {
                last = Some(e);
                break;
            }
        }
    }
    let detail = last.map(|e| e.to_string()).unwrap_or_default();
    let refused = Console::CannotListen {
        bind: ip,
        port,
        detail,
    };
    eprintln!("{}", refused.text(lang));
    None
}

/// Where the preview is seen.
pub struct Urls {
    /// On this computer.
    pub local: String,
    /// On a phone of the same network, when serving every address: `Some(None)` when this
    /// computer's address on it could not be found.
    pub lan: Option<Option<String>>,
}

impl Urls {
    /// The addresses of a server listening at `addr`.
    pub fn of(addr: &SocketAddr) -> Urls {
        Urls {
            local: url_of(&loopback_if_any(addr)),
            lan: addr.ip().is_unspecified().then(|| lan_address(addr)),
        }
    }

    /// Where links and addresses in the pages point: the phone's view when serving the network.
    pub fn seen(&self) -> String {
        self.lan
            .clone()
            .flatten()
            .unwrap_or_else(|| self.local.clone())
    }
}

/// Listening on every address: this computer's browser still uses loopback.
fn loopback_if_any(addr: &SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => *addr,
    }
}

fn url_of(addr: &SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
    }
}

/// This computer's address on the local network: the one the system would send from (a UDP
/// socket is connected, which sends nothing).
fn lan_address(addr: &SocketAddr) -> Option<String> {
    let probe = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    probe.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    let ip = probe.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then(|| url_of(&SocketAddr::new(ip, addr.port())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_moves_to_the_next_free_one() {
        let loopback = IpAddr::from(Ipv4Addr::LOCALHOST);
        let taken = TcpListener::bind((loopback, 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let (l, moved) = bind(loopback, port, Lang::En).expect("a free port among the next 19");
        assert_eq!(moved, Some(port));
        // The next port may be taken by someone else too: any free one above is right.
        assert!(l.local_addr().unwrap().port() > port);
    }

    #[test]
    fn this_computer_sees_every_address_through_loopback() {
        let any: SocketAddr = "0.0.0.0:8000".parse().unwrap();
        assert_eq!(Urls::of(&any).local, "http://127.0.0.1:8000/");
        let any6: SocketAddr = "[::]:8000".parse().unwrap();
        assert_eq!(url_of(&loopback_if_any(&any6)), "http://[::1]:8000/");
        let local: SocketAddr = "127.0.0.1:8001".parse().unwrap();
        let urls = Urls::of(&local);
        assert_eq!(urls.lan, None);
        assert_eq!(urls.seen(), "http://127.0.0.1:8001/");
    }
}
