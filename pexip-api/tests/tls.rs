//! TLS verification stays on: a self-signed node is refused, and accepted
//! with the right CA bundle.

mod common;

use pexip_api::client::{Client, ClientConfig, Error, UnavailableReason};
use pexip_api::config::Conference;
use pexip_api::Query;

async fn tls_sim() -> (pexsim::SimHandle, String) {
    pexsim::spawn_tls(pexsim::Config {
        username: common::USER.into(),
        password: common::PASS.into(),
        ..pexsim::Config::default()
    })
    .await
    .expect("pexsim starts with TLS")
}

#[tokio::test]
async fn untrusted_certificate_is_refused() {
    let (sim, _ca) = tls_sim().await;
    let client = Client::new(ClientConfig::new(
        sim.base_url(),
        common::USER,
        common::PASS,
    ))
    .unwrap();
    let err = client.list::<Conference>(&Query::new()).await.unwrap_err();
    assert!(
        matches!(err, Error::Unavailable(UnavailableReason::Tls)),
        "{err:?}"
    );
    assert!(err.user_message().contains("certificate"));
}

#[tokio::test]
async fn right_ca_bundle_is_accepted() {
    let (sim, ca) = tls_sim().await;
    let mut cfg = ClientConfig::new(sim.base_url(), common::USER, common::PASS);
    cfg.ca_bundle_pem = Some(ca.into_bytes());
    let client = Client::new(cfg).unwrap();
    let page = client
        .list::<Conference>(&Query::new())
        .await
        .expect("trusted with the CA");
    assert_eq!(page.meta.total_count, 0);
}

#[tokio::test]
async fn another_ca_bundle_is_refused_and_garbage_is_a_config_error() {
    let (sim, _ca) = tls_sim().await;
    let (_other, other_ca) = tls_sim().await;
    let mut cfg = ClientConfig::new(sim.base_url(), common::USER, common::PASS);
    cfg.ca_bundle_pem = Some(other_ca.into_bytes());
    let err = Client::new(cfg.clone())
        .unwrap()
        .list::<Conference>(&Query::new())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Unavailable(UnavailableReason::Tls)),
        "{err:?}"
    );
    cfg.ca_bundle_pem = Some(b"not a certificate".to_vec());
    assert!(matches!(Client::new(cfg), Err(Error::Config(_))));
}
