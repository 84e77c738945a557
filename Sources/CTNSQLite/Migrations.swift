import CTNLedger
import Foundation
import GRDB

extension SQLiteStore {
    /// The schema, as every existing database has it: identifiers and SQL must never change (GRDB
    /// records the identifiers applied; SQLite keeps the SQL). Add a migration to change anything.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-contracts-and-ledger") { db in
            try db.execute(
                sql: """
                    CREATE TABLE tenants(tenant_id TEXT PRIMARY KEY, business_id TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
                    CREATE TABLE tokens(token_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
                        tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id), created_at INTEGER NOT NULL, revoked_at INTEGER);
                    CREATE TABLE equipment(equipment_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, activity_unit TEXT NOT NULL,
                        created_at INTEGER NOT NULL);
                    CREATE INDEX equipment_tenant ON equipment(tenant_id);
                    CREATE TABLE intensities(equipment_id TEXT NOT NULL REFERENCES equipment(equipment_id), version INTEGER NOT NULL,
                        value REAL NOT NULL, unit TEXT NOT NULL, per_activity REAL NOT NULL, valid_from INTEGER NOT NULL,
                        registered_at INTEGER NOT NULL, report_id TEXT, PRIMARY KEY(equipment_id, version));
                    CREATE INDEX intensities_valid ON intensities(equipment_id, valid_from, version);
                    CREATE TABLE lots(lot_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, declared_unit TEXT NOT NULL, status TEXT NOT NULL,
                        created_at INTEGER NOT NULL, material_co2 REAL NOT NULL, process_co2 REAL NOT NULL, completed REAL, defects REAL,
                        total_co2 REAL, co2_per_unit REAL, completed_at INTEGER, completed_seq INTEGER,
                        shipped REAL NOT NULL);
                    CREATE TABLE material_uses(use_id TEXT PRIMARY KEY, lot_id TEXT NOT NULL REFERENCES lots(lot_id), material_lot_id TEXT,
                        category TEXT, quantity REAL NOT NULL, unit TEXT NOT NULL, per_unit REAL NOT NULL, per_unit_of TEXT NOT NULL,
                        base_quantity REAL NOT NULL, co2 REAL NOT NULL, source_time INTEGER NOT NULL, seq INTEGER NOT NULL);
                    CREATE INDEX material_uses_lot ON material_uses(lot_id, seq);
                    CREATE INDEX material_uses_material ON material_uses(material_lot_id);
                    CREATE TABLE equipment_uses(use_id TEXT PRIMARY KEY, lot_id TEXT NOT NULL REFERENCES lots(lot_id),
                        equipment_id TEXT NOT NULL REFERENCES equipment(equipment_id), activity REAL NOT NULL, unit TEXT NOT NULL,
                        intensity REAL NOT NULL, intensity_version INTEGER NOT NULL, co2 REAL NOT NULL, source_time INTEGER NOT NULL,
                        seq INTEGER NOT NULL);
                    CREATE INDEX equipment_uses_lot ON equipment_uses(lot_id, seq);
                    CREATE TABLE shipments(shipment_id TEXT PRIMARY KEY, lot_id TEXT NOT NULL REFERENCES lots(lot_id),
                        consignee TEXT NOT NULL, quantity REAL NOT NULL, source_time INTEGER NOT NULL, seq INTEGER NOT NULL);
                    CREATE INDEX shipments_lot ON shipments(lot_id, consignee);
                    CREATE TABLE energy_reports(report_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, period_start INTEGER NOT NULL,
                        period_end INTEGER NOT NULL, payload TEXT NOT NULL, seq INTEGER NOT NULL);
                    CREATE TABLE ledger(seq INTEGER PRIMARY KEY, ledger_time INTEGER NOT NULL, source_time INTEGER NOT NULL,
                        tenant_id TEXT NOT NULL, contract TEXT NOT NULL, event TEXT NOT NULL, payload TEXT NOT NULL,
                        payload_hash TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
                    CREATE TABLE ledger_head(id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL,
                        signature TEXT NOT NULL);
                    CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    """)
        }
        m.registerMigration("v2-lot-completion-hash") { db in
            try db.execute(sql: "ALTER TABLE lots ADD COLUMN completed_hash TEXT")
        }
        m.registerMigration("v3-federation") { db in
            try db.execute(
                sql: """
                    ALTER TABLE lots ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
                    UPDATE lots SET version = 1 WHERE status = 'completed';
                    ALTER TABLE material_uses ADD COLUMN material_node TEXT;
                    ALTER TABLE material_uses ADD COLUMN statement_version INTEGER;
                    CREATE TABLE remote_statements(node_id TEXT NOT NULL, lot_id TEXT NOT NULL, version INTEGER NOT NULL, jws TEXT NOT NULL,
                        co2_per_unit REAL NOT NULL, declared_unit TEXT NOT NULL, fetched_at INTEGER NOT NULL,
                        PRIMARY KEY(node_id, lot_id, version));
                    CREATE TRIGGER remote_statements_no_update BEFORE UPDATE ON remote_statements BEGIN SELECT RAISE(ABORT, 'statements are kept as received'); END;
                    """)
        }
        m.registerMigration("v4-agreements") { db in
            try db.execute(
                sql: """
                    CREATE TABLE agreements(agreement_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, grantee TEXT NOT NULL, scope TEXT NOT NULL,
                        lot_id TEXT, contracts TEXT NOT NULL, purpose TEXT NOT NULL, expires_at INTEGER, created_at INTEGER NOT NULL,
                        revoked_at INTEGER, seq INTEGER NOT NULL);
                    CREATE INDEX agreements_owner_grantee ON agreements(tenant_id, grantee);
                    CREATE INDEX agreements_grantee ON agreements(grantee);
                    """)
        }
        m.registerMigration("v5-stored-statements") { db in
            try db.execute(sql: "ALTER TABLE lots ADD COLUMN statement TEXT")
        }
        m.registerMigration("v6-usage-log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE usage_log(id INTEGER PRIMARY KEY, owner_tenant TEXT NOT NULL, reader TEXT NOT NULL, contract TEXT NOT NULL,
                        lot_id TEXT NOT NULL, basis TEXT NOT NULL, at INTEGER NOT NULL);
                    CREATE INDEX usage_log_owner ON usage_log(owner_tenant, id);
                    CREATE TRIGGER usage_log_no_update BEFORE UPDATE ON usage_log BEGIN SELECT RAISE(ABORT, 'the usage log is append-only'); END;
                    """)
        }
        m.registerMigration("v7-transitive-agreements") { db in
            try db.execute(sql: "ALTER TABLE agreements ADD COLUMN transitive INTEGER NOT NULL DEFAULT 0")
        }
        m.registerMigration("v8-category-contributions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE contributions(lot_id TEXT PRIMARY KEY REFERENCES lots(lot_id), tenant_id TEXT NOT NULL, category TEXT NOT NULL,
                        factor REAL NOT NULL, contributed_at INTEGER NOT NULL, seq INTEGER NOT NULL);
                    CREATE INDEX contributions_category ON contributions(category);
                    """)
        }
        m.registerMigration("v9-primary-data-share") { db in
            try db.execute(
                sql: """
                    ALTER TABLE lots ADD COLUMN secondary_co2 REAL NOT NULL DEFAULT 0;
                    UPDATE lots SET secondary_co2 = (SELECT COALESCE(SUM(co2), 0) FROM material_uses u WHERE u.lot_id = lots.lot_id AND u.category IS NOT NULL);
                    ALTER TABLE material_uses ADD COLUMN intensity_source TEXT;
                    """)
        }
        m.registerMigration("v10-certificates") { db in
            try db.execute(
                sql: """
                    CREATE TABLE certificates(lot_id TEXT NOT NULL REFERENCES lots(lot_id), jws TEXT NOT NULL, certifier TEXT NOT NULL,
                        version INTEGER NOT NULL, attached_at INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(lot_id, jws));
                    ALTER TABLE lots ADD COLUMN certificate_count INTEGER NOT NULL DEFAULT 0;
                    """)
        }
        m.registerMigration("v11-held-data-and-deletions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE held(id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, node TEXT NOT NULL, lot_id TEXT NOT NULL, kind TEXT NOT NULL,
                        content TEXT NOT NULL, obtained_at INTEGER NOT NULL);
                    CREATE INDEX held_lot ON held(node, lot_id);
                    CREATE TABLE deleted_facts(id INTEGER PRIMARY KEY, node TEXT NOT NULL, lot_id TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL,
                        deleted_at INTEGER NOT NULL);
                    CREATE TABLE deletion_receipts(id INTEGER PRIMARY KEY, owner_tenant TEXT NOT NULL, node TEXT NOT NULL, jws TEXT NOT NULL,
                        received_at INTEGER NOT NULL, seq INTEGER NOT NULL);
                    """)
        }
        m.registerMigration("v12-site-periods") { db in
            try db.execute(
                sql: """
                    CREATE TABLE site_snapshots(snapshot_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, site TEXT NOT NULL, period_start INTEGER NOT NULL,
                        period_end INTEGER NOT NULL, version INTEGER NOT NULL, parent_id TEXT REFERENCES site_snapshots(snapshot_id),
                        content_hash TEXT NOT NULL, payload TEXT NOT NULL, seq INTEGER NOT NULL, locked_at INTEGER NOT NULL,
                        UNIQUE(tenant_id, site, period_start, period_end, version));
                    CREATE TRIGGER site_snapshots_no_update BEFORE UPDATE ON site_snapshots BEGIN SELECT RAISE(ABORT, 'a locked snapshot is immutable'); END;
                    CREATE TRIGGER site_snapshots_no_delete BEFORE DELETE ON site_snapshots BEGIN SELECT RAISE(ABORT, 'a locked snapshot is immutable'); END;
                    ALTER TABLE intensities ADD COLUMN u REAL;
                    ALTER TABLE intensities ADD COLUMN tier TEXT;
                    ALTER TABLE intensities ADD COLUMN evidence TEXT;
                    ALTER TABLE intensities ADD COLUMN snapshot_id TEXT;
                    ALTER TABLE lots ADD COLUMN uncertainty REAL;
                    ALTER TABLE lots ADD COLUMN unquantified_share REAL;
                    ALTER TABLE lots ADD COLUMN evidence TEXT;
                    CREATE INDEX equipment_uses_intensity ON equipment_uses(equipment_id, intensity_version);
                    """)
        }
        m.registerMigration("v13-console-sessions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE console_sessions(session_hash TEXT PRIMARY KEY, token_hash TEXT NOT NULL, csrf TEXT NOT NULL,
                        created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
                    CREATE INDEX console_sessions_expiry ON console_sessions(expires_at);
                    """)
        }
        m.registerMigration("v14-pact") { db in
            try db.execute(
                sql: """
                    CREATE TABLE pact_clients(client_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, secret_hash TEXT NOT NULL, label TEXT,
                        created_at INTEGER NOT NULL, revoked_at INTEGER);
                    CREATE TABLE pact_profiles(tenant_id TEXT PRIMARY KEY, company_name TEXT NOT NULL, company_ids TEXT NOT NULL,
                        updated_at INTEGER NOT NULL);
                    CREATE TABLE pact_footprints(footprint_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, lot_id TEXT NOT NULL,
                        lot_version INTEGER NOT NULL, product_name TEXT NOT NULL, product_description TEXT NOT NULL, product_ids TEXT NOT NULL,
                        product_category_cpc TEXT NOT NULL, created_at INTEGER NOT NULL, status TEXT NOT NULL, preceding_ids TEXT NOT NULL,
                        declared_unit TEXT NOT NULL, co2_per_unit REAL NOT NULL, primary_data_share REAL, period_start INTEGER NOT NULL,
                        period_end INTEGER NOT NULL);
                    CREATE INDEX pact_footprints_tenant ON pact_footprints(tenant_id, created_at);
                    CREATE INDEX pact_footprints_lot ON pact_footprints(lot_id);
                    """)
        }
        m.registerMigration("v15-pact-suppliers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE pact_suppliers(supplier_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, base_url TEXT NOT NULL, client_id TEXT NOT NULL,
                        client_secret TEXT NOT NULL, ca_file TEXT, created_at INTEGER NOT NULL, linked_client TEXT);
                    CREATE TABLE pact_events(id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL,
                        event_id TEXT NOT NULL, source TEXT NOT NULL, body TEXT NOT NULL, received_at INTEGER NOT NULL,
                        UNIQUE(tenant_id, source, event_id));
                    """)
        }
        m.registerMigration("v16-mass-balance") { db in
            try db.execute(
                sql: """
                    ALTER TABLE lots ADD COLUMN certified TEXT;
                    CREATE TABLE mb_events(event_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, kind TEXT NOT NULL, batch_id TEXT,
                        source_time INTEGER NOT NULL, received_at INTEGER NOT NULL, seq INTEGER NOT NULL, ledger_hash TEXT NOT NULL,
                        payload TEXT NOT NULL);
                    CREATE INDEX mb_events_tenant ON mb_events(tenant_id, seq);
                    CREATE INDEX mb_events_batch ON mb_events(batch_id, seq);
                    CREATE INDEX mb_events_received ON mb_events(tenant_id, received_at);
                    CREATE TABLE mb_movements(id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, site TEXT NOT NULL, material TEXT NOT NULL,
                        pool TEXT NOT NULL, scheme TEXT NOT NULL, claim TEXT NOT NULL, grams INTEGER NOT NULL, time INTEGER NOT NULL,
                        expires_at INTEGER, event_id TEXT NOT NULL REFERENCES mb_events(event_id), batch_id TEXT, seq INTEGER NOT NULL,
                        idx INTEGER NOT NULL);
                    CREATE INDEX mb_movements_pool ON mb_movements(tenant_id, site, material, pool, scheme, claim);
                    CREATE INDEX mb_movements_batch ON mb_movements(batch_id);
                    CREATE TABLE mb_declarations(declaration_id TEXT NOT NULL, issuer TEXT NOT NULL, tenant_id TEXT NOT NULL,
                        direction TEXT NOT NULL, lot_id TEXT, jws TEXT NOT NULL, event_id TEXT NOT NULL, seq INTEGER NOT NULL,
                        at INTEGER NOT NULL, PRIMARY KEY(issuer, declaration_id, direction));
                    CREATE INDEX mb_declarations_tenant ON mb_declarations(tenant_id, seq);
                    CREATE INDEX mb_declarations_lot ON mb_declarations(lot_id);
                    CREATE TABLE mb_slices(tenant_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, events TEXT NOT NULL,
                        prev_hash TEXT NOT NULL, hash TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(tenant_id, start));
                    CREATE TRIGGER mb_events_no_update BEFORE UPDATE ON mb_events BEGIN SELECT RAISE(ABORT, 'mass-balance events are append-only'); END;
                    CREATE TRIGGER mb_events_no_delete BEFORE DELETE ON mb_events BEGIN SELECT RAISE(ABORT, 'mass-balance events are append-only'); END;
                    CREATE TRIGGER mb_movements_no_update BEFORE UPDATE ON mb_movements BEGIN SELECT RAISE(ABORT, 'pools move only by new events'); END;
                    CREATE TRIGGER mb_movements_no_delete BEFORE DELETE ON mb_movements BEGIN SELECT RAISE(ABORT, 'pools move only by new events'); END;
                    CREATE TRIGGER mb_declarations_no_update BEFORE UPDATE ON mb_declarations BEGIN SELECT RAISE(ABORT, 'declarations are kept as signed'); END;
                    CREATE TRIGGER mb_declarations_no_delete BEFORE DELETE ON mb_declarations BEGIN SELECT RAISE(ABORT, 'declarations are kept as signed'); END;
                    CREATE TRIGGER mb_slices_no_update BEFORE UPDATE ON mb_slices BEGIN SELECT RAISE(ABORT, 'a sealed slice is immutable'); END;
                    CREATE TRIGGER mb_slices_no_delete BEFORE DELETE ON mb_slices BEGIN SELECT RAISE(ABORT, 'a sealed slice is immutable'); END;
                    """)
        }
        m.registerMigration("v17-cbam") { db in
            try db.execute(
                sql: """
                    ALTER TABLE agreements ADD COLUMN cn_codes TEXT;
                    CREATE TABLE cbam_installations(installation_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, name TEXT NOT NULL,
                        address TEXT NOT NULL, country TEXT NOT NULL, unlocode TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
                        registry_id TEXT, created_at INTEGER NOT NULL);
                    CREATE INDEX cbam_installations_tenant ON cbam_installations(tenant_id, created_at);
                    CREATE TABLE cbam_reports(report_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, installation_id TEXT NOT NULL,
                        period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, content_hash TEXT NOT NULL, payload TEXT NOT NULL,
                        seq INTEGER NOT NULL, created_at INTEGER NOT NULL);
                    CREATE INDEX cbam_reports_installation ON cbam_reports(installation_id, period_start);
                    CREATE TABLE cbam_verifications(id INTEGER PRIMARY KEY, report_id TEXT NOT NULL REFERENCES cbam_reports(report_id),
                        verifier TEXT NOT NULL, jws TEXT NOT NULL, at INTEGER NOT NULL, seq INTEGER NOT NULL);
                    CREATE INDEX cbam_verifications_report ON cbam_verifications(report_id);
                    CREATE TABLE cbam_summaries(id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, node TEXT NOT NULL, report_id TEXT NOT NULL,
                        content_hash TEXT NOT NULL, jws TEXT NOT NULL, verified INTEGER NOT NULL, at INTEGER NOT NULL, seq INTEGER NOT NULL,
                        UNIQUE(tenant_id, node, report_id, content_hash, verified));
                    CREATE TABLE cbam_imports(import_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, node TEXT NOT NULL, report_id TEXT NOT NULL,
                        cn TEXT NOT NULL, tonnes REAL NOT NULL, imported_at INTEGER NOT NULL, seq INTEGER NOT NULL);
                    CREATE INDEX cbam_imports_tenant ON cbam_imports(tenant_id, imported_at);
                    CREATE TABLE cbam_carbon_prices(report_id TEXT PRIMARY KEY REFERENCES cbam_reports(report_id), payload TEXT NOT NULL,
                        at INTEGER NOT NULL, seq INTEGER NOT NULL);
                    CREATE TRIGGER cbam_reports_no_update BEFORE UPDATE ON cbam_reports BEGIN SELECT RAISE(ABORT, 'a filed report is immutable'); END;
                    CREATE TRIGGER cbam_reports_no_delete BEFORE DELETE ON cbam_reports BEGIN SELECT RAISE(ABORT, 'a filed report is immutable'); END;
                    """)
        }
        m.registerMigration("v18-simulation") { db in
            // How an equipment use's activity was obtained (measured, modelled-calibrated, modelled).
            try db.execute(sql: "ALTER TABLE equipment_uses ADD COLUMN activity_source TEXT NOT NULL DEFAULT 'measured'")
        }
        m.registerMigration("v19-merkle-log") { db in
            // The log's Merkle tree: every perfect subtree's hash by (level, index), leaves at level 0.
            try db.execute(
                sql: """
                    CREATE TABLE log_nodes(level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY(level, idx)) WITHOUT ROWID;
                    CREATE TABLE log_head(id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, root TEXT NOT NULL,
                        time INTEGER NOT NULL, signature TEXT NOT NULL);
                    CREATE TRIGGER log_nodes_no_update BEFORE UPDATE ON log_nodes BEGIN SELECT RAISE(ABORT, 'the log tree is append-only'); END;
                    CREATE TRIGGER log_nodes_no_delete BEFORE DELETE ON log_nodes BEGIN SELECT RAISE(ABORT, 'the log tree is append-only'); END;
                    """)
            // The events already kept become the first leaves, in sequence order.
            try SQLiteStore.buildLogTree(db)
        }
        m.registerMigration("v20-witness") { db in
            try db.execute(
                sql: """
                    CREATE TABLE log_witnessed(id INTEGER PRIMARY KEY, peer TEXT NOT NULL, size INTEGER NOT NULL, root TEXT NOT NULL,
                        time INTEGER NOT NULL, signature TEXT NOT NULL, cosignature TEXT, alarm TEXT, at INTEGER NOT NULL);
                    CREATE INDEX log_witnessed_peer ON log_witnessed(peer, alarm, size);
                    CREATE TRIGGER log_witnessed_no_update BEFORE UPDATE ON log_witnessed BEGIN SELECT RAISE(ABORT, 'witnessed heads are kept as seen'); END;
                    """)
        }
        m.registerMigration("v21-statement-leaves") { db in
            // A statement signed when a lot's figures are fixed is the log leaf of the event that
            // fixed them (it names that event's hash): kept as signed, so the tree can be recomputed.
            try db.execute(
                sql: """
                    CREATE TABLE log_statements(seq INTEGER PRIMARY KEY, statement TEXT NOT NULL);
                    CREATE TRIGGER log_statements_no_update BEFORE UPDATE ON log_statements BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
                    CREATE TRIGGER log_statements_no_delete BEFORE DELETE ON log_statements BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
                    ALTER TABLE lots ADD COLUMN log_leaf INTEGER;
                    """)
        }
        m.registerMigration("v22-tenant-limits") { db in
            // A tenant's own request rate, burst and heavy-call bound (NULL: the node's defaults).
            try db.execute(
                sql: """
                    ALTER TABLE tenants ADD COLUMN rate_limit REAL;
                    ALTER TABLE tenants ADD COLUMN rate_burst INTEGER;
                    ALTER TABLE tenants ADD COLUMN heavy_limit INTEGER;
                    """)
        }
        return m
    }
}
