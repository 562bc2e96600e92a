//! Connections the fault layer can drop without answering: the "down" fault looks to a client
//! like an unreachable node (the connection closes before any response byte).

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use axum::Router;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// The per-connection switch, available to handlers as `ConnectInfo<Dropper>`.
#[derive(Debug, Clone, Default)]
pub struct Dropper(Arc<AtomicBool>);

impl Dropper {
    /// From now on the connection neither reads nor writes: hyper drops it, unanswered.
    pub fn drop_connection(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    fn dropped(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

fn aborted() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "pexsim fault: the node is down",
    )
}

/// A connection with a [`Dropper`].
pub struct DroppableIo<T> {
    inner: T,
    dropper: Dropper,
}

impl<T: AsyncRead + Unpin> AsyncRead for DroppableIo<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.dropper.dropped() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for DroppableIo<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.dropper.dropped() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.dropper.dropped() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.dropper.dropped() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Wraps a listener so each accepted connection carries a [`Dropper`].
pub struct Droppable<L>(pub L);

impl<L: Listener> Listener for Droppable<L> {
    type Io = DroppableIo<L::Io>;
    type Addr = L::Addr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (inner, addr) = self.0.accept().await;
        let io = DroppableIo {
            inner,
            dropper: Dropper::default(),
        };
        (io, addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

impl<L: Listener> Connected<IncomingStream<'_, Droppable<L>>> for Dropper {
    fn connect_info(stream: IncomingStream<'_, Droppable<L>>) -> Self {
        stream.io().dropper.clone()
    }
}

/// Serves `router` on `listener` until `shutdown`, with droppable connections (use this rather
/// than `axum::serve` so the "down" fault can drop connections).
pub async fn serve<L>(
    listener: L,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()>
where
    L: Listener,
    L::Addr: std::fmt::Debug,
{
    let app = router.into_make_service_with_connect_info::<Dropper>();
    axum::serve(Droppable(listener), app)
        .with_graceful_shutdown(shutdown)
        .await
}
