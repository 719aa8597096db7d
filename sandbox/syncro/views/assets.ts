import type { SyncroDatabase } from '../database.js'
import type { AssetRecord } from '../records.js'
import { customerView } from './customers.js'
import { ACCOUNT_ID } from './account.js'

const NO_RMM_TRIGGERS = {
  bsod_triggered: 'false',
  time_triggered: 'false',
  no_av_triggered: 'false',
  defrag_triggered: 'false',
  firewall_triggered: 'false',
  app_crash_triggered: 'false',
  low_hd_space_triggered: 'false',
  smart_failure_triggered: 'false',
  device_manager_triggered: 'false',
  agent_offline_triggered: 'false',
}

/** Syncro answers the asset type by name only (`asset_type`), never its id. */
export function assetView(db: SyncroDatabase, asset: AssetRecord) {
  const customer = db.customers.get(asset.customer_id)
  return {
    id: asset.id,
    name: asset.name,
    customer_id: asset.customer_id,
    contact_id: asset.contact_id,
    created_at: asset.created_at,
    updated_at: asset.updated_at,
    properties: asset.properties,
    asset_type: db.assetTypes.get(asset.asset_type_id)?.name ?? null,
    asset_serial: asset.asset_serial,
    external_rmm_link: asset.external_rmm_link,
    customer: customer ? customerView(db, customer, true) : null,
    rmm_links: [],
    rmm_store: {
      id: asset.id,
      asset_id: asset.id,
      account_id: ACCOUNT_ID,
      triggers: NO_RMM_TRIGGERS,
      windows_updates: {},
      emsisoft: {},
      general: {},
      created_at: asset.created_at,
      updated_at: asset.created_at,
      override_alert_agent_offline_mins: null,
      override_alert_agent_rearm_after_mins: null,
      override_low_hd_threshold: null,
      override_autoresolve_offline_alert: null,
    },
    has_live_chat: false,
    snmp_enabled: null,
    address: null,
  }
}
