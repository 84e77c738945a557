extension PostgresSchema {
    /// Every table of the node (see the type's note on the dialect).
    static let nodeSchema = """
            CREATE FUNCTION ctn_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '%',
                TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END $$;
            CREATE TABLE tenants(tenant_id TEXT PRIMARY KEY, business_id TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL,
                rate_limit DOUBLE PRECISION, rate_burst BIGINT, heavy_limit BIGINT);
            CREATE TABLE tokens(token_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
                tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id), created_at BIGINT NOT NULL, revoked_at BIGINT);
            CREATE TABLE equipment(equipment_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, activity_unit TEXT NOT NULL,
                created_at BIGINT NOT NULL);
            CREATE INDEX equipment_tenant ON equipment(tenant_id);
            CREATE TABLE intensities(equipment_id TEXT NOT NULL REFERENCES equipment(equipment_id), version BIGINT NOT NULL,
                value DOUBLE PRECISION NOT NULL, unit TEXT NOT NULL, per_activity DOUBLE PRECISION NOT NULL,
                valid_from BIGINT NOT NULL, registered_at BIGINT NOT NULL, report_id TEXT, u DOUBLE PRECISION, tier TEXT,
                evidence TEXT, snapshot_id TEXT, PRIMARY KEY(equipment_id, version));
            CREATE INDEX intensities_valid ON intensities(equipment_id, valid_from, version);
            CREATE TABLE lots(lot_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, declared_unit TEXT NOT NULL, status TEXT NOT NULL,
                created_at BIGINT NOT NULL, material_co2 DOUBLE PRECISION NOT NULL, process_co2 DOUBLE PRECISION NOT NULL,
                completed DOUBLE PRECISION, defects DOUBLE PRECISION, total_co2 DOUBLE PRECISION, co2_per_unit DOUBLE PRECISION,
                completed_at BIGINT, completed_seq BIGINT, shipped DOUBLE PRECISION NOT NULL, completed_hash TEXT,
                version BIGINT NOT NULL DEFAULT 0, statement TEXT, secondary_co2 DOUBLE PRECISION NOT NULL DEFAULT 0,
                certificate_count BIGINT NOT NULL DEFAULT 0, uncertainty DOUBLE PRECISION, unquantified_share DOUBLE PRECISION,
                evidence TEXT, certified TEXT, log_leaf BIGINT);
            CREATE TABLE material_uses(use_id TEXT PRIMARY KEY, lot_id TEXT NOT NULL REFERENCES lots(lot_id), material_lot_id TEXT,
                category TEXT, quantity DOUBLE PRECISION NOT NULL, unit TEXT NOT NULL, per_unit DOUBLE PRECISION NOT NULL,
                per_unit_of TEXT NOT NULL, base_quantity DOUBLE PRECISION NOT NULL, co2 DOUBLE PRECISION NOT NULL,
                source_time BIGINT NOT NULL, seq BIGINT NOT NULL, material_node TEXT, statement_version BIGINT,
                intensity_source TEXT);
            CREATE INDEX material_uses_lot ON material_uses(lot_id, seq);
            CREATE INDEX material_uses_material ON material_uses(material_lot_id);
            CREATE TABLE equipment_uses(use_id TEXT PRIMARY KEY, lot_id TEXT NOT NULL REFERENCES lots(lot_id),
                equipment_id TEXT NOT NULL REFERENCES equipment(equipment_id), activity DOUBLE PRECISION NOT NULL,
                unit TEXT NOT NULL, intensity DOUBLE PRECISION NOT NULL, intensity_version BIGINT NOT NULL,
                co2 DOUBLE PRECISION NOT NULL, source_time BIGINT NOT NULL, seq BIGINT NOT NULL,
                activity_source TEXT NOT NULL DEFAULT 'measured');
            CREATE INDEX equipment_uses_lot ON equipment_uses(lot_id, seq);
            CREATE TABLE shipments(shipment_id TEXT PRIMARY KEY, lot_id TEXT NOT NULL REFERENCES lots(lot_id),
                consignee TEXT NOT NULL, quantity DOUBLE PRECISION NOT NULL, source_time BIGINT NOT NULL, seq BIGINT NOT NULL);
            CREATE INDEX shipments_lot ON shipments(lot_id, consignee);
            CREATE TABLE energy_reports(report_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, period_start BIGINT NOT NULL,
                period_end BIGINT NOT NULL, payload TEXT NOT NULL, seq BIGINT NOT NULL);
            CREATE TABLE ledger(seq BIGINT PRIMARY KEY, ledger_time BIGINT NOT NULL, source_time BIGINT NOT NULL,
                tenant_id TEXT NOT NULL, contract TEXT NOT NULL, event TEXT NOT NULL, payload TEXT NOT NULL,
                payload_hash TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE TABLE ledger_head(id BIGINT PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL,
                signature TEXT NOT NULL);
            CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('the ledger is append-only');
            CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('the ledger is append-only');
            CREATE TABLE remote_statements(node_id TEXT NOT NULL, lot_id TEXT NOT NULL, version BIGINT NOT NULL, jws TEXT NOT NULL,
                co2_per_unit DOUBLE PRECISION NOT NULL, declared_unit TEXT NOT NULL, fetched_at BIGINT NOT NULL, PRIMARY KEY(node_id,
                lot_id, version));
            CREATE TRIGGER remote_statements_no_update BEFORE UPDATE ON remote_statements
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('statements are kept as received');
            CREATE TABLE agreements(agreement_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, grantee TEXT NOT NULL,
                scope TEXT NOT NULL, lot_id TEXT, contracts TEXT NOT NULL, purpose TEXT NOT NULL, expires_at BIGINT,
                created_at BIGINT NOT NULL, revoked_at BIGINT, seq BIGINT NOT NULL, transitive BIGINT NOT NULL DEFAULT 0,
                cn_codes TEXT);
            CREATE INDEX agreements_owner_grantee ON agreements(tenant_id, grantee);
            CREATE INDEX agreements_grantee ON agreements(grantee);
            CREATE TABLE usage_log(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, owner_tenant TEXT NOT NULL,
                reader TEXT NOT NULL, contract TEXT NOT NULL, lot_id TEXT NOT NULL, basis TEXT NOT NULL, at BIGINT NOT NULL);
            CREATE INDEX usage_log_owner ON usage_log(owner_tenant, id);
            CREATE TRIGGER usage_log_no_update BEFORE UPDATE ON usage_log
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('the usage log is append-only');
            CREATE TABLE contributions(lot_id TEXT PRIMARY KEY REFERENCES lots(lot_id), tenant_id TEXT NOT NULL,
                category TEXT NOT NULL, factor DOUBLE PRECISION NOT NULL, contributed_at BIGINT NOT NULL, seq BIGINT NOT NULL);
            CREATE INDEX contributions_category ON contributions(category);
            CREATE TABLE certificates(lot_id TEXT NOT NULL REFERENCES lots(lot_id), jws TEXT NOT NULL, certifier TEXT NOT NULL,
                version BIGINT NOT NULL, attached_at BIGINT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY(lot_id, jws));
            CREATE TABLE held(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, tenant_id TEXT NOT NULL, node TEXT NOT NULL,
                lot_id TEXT NOT NULL, kind TEXT NOT NULL, content TEXT NOT NULL, obtained_at BIGINT NOT NULL);
            CREATE INDEX held_lot ON held(node, lot_id);
            CREATE TABLE deleted_facts(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, node TEXT NOT NULL,
                lot_id TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL, deleted_at BIGINT NOT NULL);
            CREATE TABLE deletion_receipts(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, owner_tenant TEXT NOT NULL,
                node TEXT NOT NULL, jws TEXT NOT NULL, received_at BIGINT NOT NULL, seq BIGINT NOT NULL);
            CREATE TABLE site_snapshots(snapshot_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, site TEXT NOT NULL,
                period_start BIGINT NOT NULL, period_end BIGINT NOT NULL, version BIGINT NOT NULL,
                parent_id TEXT REFERENCES site_snapshots(snapshot_id), content_hash TEXT NOT NULL, payload TEXT NOT NULL,
                seq BIGINT NOT NULL, locked_at BIGINT NOT NULL, UNIQUE(tenant_id, site, period_start, period_end, version));
            CREATE TRIGGER site_snapshots_no_update BEFORE UPDATE ON site_snapshots
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('a locked snapshot is immutable');
            CREATE TRIGGER site_snapshots_no_delete BEFORE DELETE ON site_snapshots
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('a locked snapshot is immutable');
            CREATE INDEX equipment_uses_intensity ON equipment_uses(equipment_id, intensity_version);
            CREATE TABLE console_sessions(session_hash TEXT PRIMARY KEY, token_hash TEXT NOT NULL, csrf TEXT NOT NULL,
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);
            CREATE INDEX console_sessions_expiry ON console_sessions(expires_at);
            CREATE TABLE pact_clients(client_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, secret_hash TEXT NOT NULL, label TEXT,
                created_at BIGINT NOT NULL, revoked_at BIGINT);
            CREATE TABLE pact_profiles(tenant_id TEXT PRIMARY KEY, company_name TEXT NOT NULL, company_ids TEXT NOT NULL,
                updated_at BIGINT NOT NULL);
            CREATE TABLE pact_footprints(footprint_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, lot_id TEXT NOT NULL,
                lot_version BIGINT NOT NULL, product_name TEXT NOT NULL, product_description TEXT NOT NULL,
                product_ids TEXT NOT NULL, product_category_cpc TEXT NOT NULL, created_at BIGINT NOT NULL, status TEXT NOT NULL,
                preceding_ids TEXT NOT NULL, declared_unit TEXT NOT NULL, co2_per_unit DOUBLE PRECISION NOT NULL,
                primary_data_share DOUBLE PRECISION, period_start BIGINT NOT NULL, period_end BIGINT NOT NULL);
            CREATE INDEX pact_footprints_tenant ON pact_footprints(tenant_id, created_at);
            CREATE INDEX pact_footprints_lot ON pact_footprints(lot_id);
            CREATE TABLE pact_suppliers(supplier_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, base_url TEXT NOT NULL,
                client_id TEXT NOT NULL, client_secret TEXT NOT NULL, ca_file TEXT, created_at BIGINT NOT NULL, linked_client TEXT);
            CREATE TABLE pact_events(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, tenant_id TEXT NOT NULL,
                version BIGINT NOT NULL, type TEXT NOT NULL, event_id TEXT NOT NULL, source TEXT NOT NULL, body TEXT NOT NULL,
                received_at BIGINT NOT NULL, UNIQUE(tenant_id, source, event_id));
            CREATE TABLE mb_events(event_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, kind TEXT NOT NULL, batch_id TEXT,
                source_time BIGINT NOT NULL, received_at BIGINT NOT NULL, seq BIGINT NOT NULL, ledger_hash TEXT NOT NULL,
                payload TEXT NOT NULL);
            CREATE INDEX mb_events_tenant ON mb_events(tenant_id, seq);
            CREATE INDEX mb_events_batch ON mb_events(batch_id, seq);
            CREATE INDEX mb_events_received ON mb_events(tenant_id, received_at);
            CREATE TABLE mb_movements(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, tenant_id TEXT NOT NULL,
                site TEXT NOT NULL, material TEXT NOT NULL, pool TEXT NOT NULL, scheme TEXT NOT NULL, claim TEXT NOT NULL,
                grams BIGINT NOT NULL, time BIGINT NOT NULL, expires_at BIGINT,
                event_id TEXT NOT NULL REFERENCES mb_events(event_id), batch_id TEXT, seq BIGINT NOT NULL, idx BIGINT NOT NULL);
            CREATE INDEX mb_movements_pool ON mb_movements(tenant_id, site, material, pool, scheme, claim);
            CREATE INDEX mb_movements_batch ON mb_movements(batch_id);
            CREATE TABLE mb_declarations(declaration_id TEXT NOT NULL, issuer TEXT NOT NULL, tenant_id TEXT NOT NULL,
                direction TEXT NOT NULL, lot_id TEXT, jws TEXT NOT NULL, event_id TEXT NOT NULL, seq BIGINT NOT NULL,
                at BIGINT NOT NULL, PRIMARY KEY(issuer, declaration_id, direction));
            CREATE INDEX mb_declarations_tenant ON mb_declarations(tenant_id, seq);
            CREATE INDEX mb_declarations_lot ON mb_declarations(lot_id);
            CREATE TABLE mb_slices(tenant_id TEXT NOT NULL, start BIGINT NOT NULL, "end" BIGINT NOT NULL, events TEXT NOT NULL,
                prev_hash TEXT NOT NULL, hash TEXT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY(tenant_id, start));
            CREATE TRIGGER mb_events_no_update BEFORE UPDATE ON mb_events
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('mass-balance events are append-only');
            CREATE TRIGGER mb_events_no_delete BEFORE DELETE ON mb_events
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('mass-balance events are append-only');
            CREATE TRIGGER mb_movements_no_update BEFORE UPDATE ON mb_movements
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('pools move only by new events');
            CREATE TRIGGER mb_movements_no_delete BEFORE DELETE ON mb_movements
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('pools move only by new events');
            CREATE TRIGGER mb_declarations_no_update BEFORE UPDATE ON mb_declarations
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('declarations are kept as signed');
            CREATE TRIGGER mb_declarations_no_delete BEFORE DELETE ON mb_declarations
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('declarations are kept as signed');
            CREATE TRIGGER mb_slices_no_update BEFORE UPDATE ON mb_slices
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('a sealed slice is immutable');
            CREATE TRIGGER mb_slices_no_delete BEFORE DELETE ON mb_slices
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('a sealed slice is immutable');
            CREATE TABLE cbam_installations(installation_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, name TEXT NOT NULL,
                address TEXT NOT NULL, country TEXT NOT NULL, unlocode TEXT NOT NULL, latitude DOUBLE PRECISION NOT NULL,
                longitude DOUBLE PRECISION NOT NULL, registry_id TEXT, created_at BIGINT NOT NULL);
            CREATE INDEX cbam_installations_tenant ON cbam_installations(tenant_id, created_at);
            CREATE TABLE cbam_reports(report_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, installation_id TEXT NOT NULL,
                period_start BIGINT NOT NULL, period_end BIGINT NOT NULL, content_hash TEXT NOT NULL, payload TEXT NOT NULL,
                seq BIGINT NOT NULL, created_at BIGINT NOT NULL);
            CREATE INDEX cbam_reports_installation ON cbam_reports(installation_id, period_start);
            CREATE TABLE cbam_verifications(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                report_id TEXT NOT NULL REFERENCES cbam_reports(report_id), verifier TEXT NOT NULL, jws TEXT NOT NULL,
                at BIGINT NOT NULL, seq BIGINT NOT NULL);
            CREATE INDEX cbam_verifications_report ON cbam_verifications(report_id);
            CREATE TABLE cbam_summaries(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, tenant_id TEXT NOT NULL,
                node TEXT NOT NULL, report_id TEXT NOT NULL, content_hash TEXT NOT NULL, jws TEXT NOT NULL, verified BIGINT NOT NULL,
                at BIGINT NOT NULL, seq BIGINT NOT NULL, UNIQUE(tenant_id, node, report_id, content_hash, verified));
            CREATE TABLE cbam_imports(import_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, node TEXT NOT NULL,
                report_id TEXT NOT NULL, cn TEXT NOT NULL, tonnes DOUBLE PRECISION NOT NULL, imported_at BIGINT NOT NULL,
                seq BIGINT NOT NULL);
            CREATE INDEX cbam_imports_tenant ON cbam_imports(tenant_id, imported_at);
            CREATE TABLE cbam_carbon_prices(report_id TEXT PRIMARY KEY REFERENCES cbam_reports(report_id), payload TEXT NOT NULL,
                at BIGINT NOT NULL, seq BIGINT NOT NULL);
            CREATE TRIGGER cbam_reports_no_update BEFORE UPDATE ON cbam_reports
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('a filed report is immutable');
            CREATE TRIGGER cbam_reports_no_delete BEFORE DELETE ON cbam_reports
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('a filed report is immutable');
            CREATE TABLE log_nodes(level BIGINT NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY(level, idx));
            CREATE TABLE log_head(id BIGINT PRIMARY KEY CHECK (id = 1), size BIGINT NOT NULL, root TEXT NOT NULL,
                time BIGINT NOT NULL, signature TEXT NOT NULL);
            CREATE TRIGGER log_nodes_no_update BEFORE UPDATE ON log_nodes
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('the log tree is append-only');
            CREATE TRIGGER log_nodes_no_delete BEFORE DELETE ON log_nodes
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('the log tree is append-only');
            CREATE TABLE log_witnessed(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, peer TEXT NOT NULL,
                size BIGINT NOT NULL, root TEXT NOT NULL, time BIGINT NOT NULL, signature TEXT NOT NULL, cosignature TEXT,
                alarm TEXT, at BIGINT NOT NULL);
            CREATE INDEX log_witnessed_peer ON log_witnessed(peer, alarm, size);
            CREATE TRIGGER log_witnessed_no_update BEFORE UPDATE ON log_witnessed
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('witnessed heads are kept as seen');
            CREATE TABLE log_statements(seq BIGINT PRIMARY KEY, statement TEXT NOT NULL);
            CREATE TRIGGER log_statements_no_update BEFORE UPDATE ON log_statements
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('the log is append-only');
            CREATE TRIGGER log_statements_no_delete BEFORE DELETE ON log_statements
                FOR EACH ROW EXECUTE FUNCTION ctn_refuse('the log is append-only');
            CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger
                FOR EACH STATEMENT EXECUTE FUNCTION ctn_refuse('the ledger is append-only');
            CREATE TRIGGER log_nodes_no_truncate BEFORE TRUNCATE ON log_nodes
                FOR EACH STATEMENT EXECUTE FUNCTION ctn_refuse('the log tree is append-only');
        ALTER TABLE equipment ADD COLUMN rowid BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE;
        ALTER TABLE lots ADD COLUMN rowid BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE;
        ALTER TABLE pact_footprints ADD COLUMN rowid BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE;
        """
}
