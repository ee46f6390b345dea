//! Where [`process`](super::process) puts renditions: the two things images needs of the output,
//! as a trait of its own so images never depends on the `output` module (the output's trees
//! provide it; layers point one way: `output` may use `images`, not the reverse).

use std::io;

/// An output that takes photo renditions.
pub trait Out: Sync {
    /// Writes one file at `rel` (a `/` separated path inside the output).
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// Keeps the file at `rel` (it counts as written) when the output already holds these
    /// bytes (length and xxh3-64); false when it must be written.
    fn keep_if_same(&self, rel: &str, len: u64, hash: u64) -> bool;
}
