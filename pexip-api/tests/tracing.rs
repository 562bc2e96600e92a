//! Request spans carry method, path, status and duration, and never credentials.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::*;
use pexip_api::config::{Conference, ConferenceId, ConferencePatch};
use pexip_api::{Patch, Query};
use tracing_subscriber::fmt::format::FmtSpan;

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn spans_have_the_fields_and_no_secrets() {
    let buf = Buf::default();
    let writer = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("pexip_api=debug")
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let sim = sim(false).await;
    let client = client(&sim);
    client.list::<Conference>(&Query::new()).await.unwrap();
    let secret_body = ConferencePatch {
        name: Patch::Value("x".into()),
        pin: Patch::Value("987654321".into()),
        call_type: Patch::Value(pexip_api::choice::CallType::Other("bad".into())),
        ..Default::default()
    };
    let _ = client.create::<Conference>(&secret_body).await.unwrap_err();
    let _ = client
        .get::<Conference>(&ConferenceId(42))
        .await
        .unwrap_err();
    let debug_of_client = format!("{client:?} {:?}", config(&sim));

    let log = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("pexip_api.request"), "{log}");
    assert!(
        log.contains("method=GET") && log.contains("method=POST"),
        "{log}"
    );
    assert!(
        log.contains("path=/api/admin/configuration/v1/conference/"),
        "{log}"
    );
    assert!(
        log.contains("status=404") && log.contains("status=200"),
        "{log}"
    );
    assert!(log.contains("duration_ms="), "{log}");
    for leaked in [PASS, "YWRtaW46czNjcmV0LXBhc3M=", "987654321"] {
        assert!(!log.contains(leaked), "log leaks {leaked}: {log}");
        assert!(!debug_of_client.contains(leaked), "Debug leaks {leaked}");
    }
}
