"use strict";
// Source C against an in-memory IndexedDB shaped like WhatsApp's "model-storage".
const test = require("node:test");
const assert = require("node:assert/strict");
const { IDBFactory } = require("fake-indexeddb");
const { lookupPhone, phoneOfRecord, DB_NAME, STORE } = require("../src/whatsapp/idb-contacts.js");

const LID = "987654321098765@lid";

// A factory holding WhatsApp's database with the given contact records (keyPath "id").
function whatsappDb(records, { store = STORE, keyPath = "id", lidIndex = false } = {}) {
  const idb = new IDBFactory();
  return new Promise((resolve, reject) => {
    const open = idb.open(DB_NAME, 3);
    open.onupgradeneeded = () => {
      const os = open.result.createObjectStore(store, { keyPath });
      if (lidIndex) os.createIndex("lid", "lid");
      for (const record of records) os.put(record);
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => { open.result.close(); resolve(idb); };
  });
}

async function names(idb) {
  return (await idb.databases()).map((db) => db.name);
}

test("present: a LID contact's phoneNumber gives the phone", async () => {
  const idb = await whatsappDb([{ id: LID, phoneNumber: "212612345678@c.us", name: "Yasmine" }]);
  assert.equal(await lookupPhone(idb, LID), "+212612345678");
});

test("plain digits and wid-shaped values are accepted", async () => {
  const idb = await whatsappDb([
    { id: "111111111111111@lid", phoneNumber: "212612345679" },
    { id: "222222222222222@lid", phoneNumber: { _serialized: "212612345680@c.us" } },
    { id: "333333333333333@lid", phoneNumber: { user: "212612345681", server: "s.whatsapp.net" } },
  ]);
  assert.equal(await lookupPhone(idb, "111111111111111@lid"), "+212612345679");
  assert.equal(await lookupPhone(idb, "222222222222222@lid"), "+212612345680");
  assert.equal(await lookupPhone(idb, "333333333333333@lid"), "+212612345681");
});

test("a record found only through a 'lid' index is read too", async () => {
  const idb = await whatsappDb([{ id: "212612345682@c.us", lid: LID, phoneNumber: "212612345682@c.us" }], { lidIndex: true });
  assert.equal(await lookupPhone(idb, LID), "+212612345682");
});

test("an @lid phoneNumber, a group id and the LID's own digits are refused", async () => {
  const idb = await whatsappDb([
    { id: LID, phoneNumber: "123456789012345@lid" },
    { id: "111111111111111@lid", phoneNumber: "120363000000000001@g.us" },
    { id: "222222222222222@lid", phoneNumber: "222222222222222" },
  ]);
  assert.equal(await lookupPhone(idb, LID), null);
  assert.equal(await lookupPhone(idb, "111111111111111@lid"), null);
  assert.equal(await lookupPhone(idb, "222222222222222@lid"), null);
});

test("wrong shapes give null", () => {
  for (const record of [null, "212612345678@c.us", 42, {}, { phoneNumber: 212612345678 }, { phoneNumber: "abc" },
    { phoneNumber: "+212 6 12" }, { phoneNumber: ["212612345678@c.us"] }, { phoneNumber: { user: "2126" } },
    { phoneNumber: "x".repeat(41) + "@c.us" }]) {
    assert.equal(phoneOfRecord(record, LID), null, JSON.stringify(record));
  }
  const throwing = Object.defineProperty({}, "phoneNumber", { get() { throw new Error("getter"); } });
  assert.equal(phoneOfRecord(throwing, LID), null);
});

test("missing: no record, no store, no database (and the database is not created)", async () => {
  assert.equal(await lookupPhone(await whatsappDb([{ id: "1@lid", phoneNumber: "212612345678@c.us" }]), LID), null);
  assert.equal(await lookupPhone(await whatsappDb([], { store: "chat" }), LID), null);
  const empty = new IDBFactory();
  assert.equal(await lookupPhone(empty, LID), null);
  assert.deepEqual(await names(empty), []);
});

test("without databases() a missing database is still not created", async () => {
  const empty = new IDBFactory();
  const noList = { open: (...args) => empty.open(...args) };
  assert.equal(await lookupPhone(noList, LID), null);
  assert.deepEqual(await names(empty), []);
});

test("the database is closed after reading: WhatsApp can upgrade it at once", async () => {
  const idb = await whatsappDb([{ id: LID, phoneNumber: "212612345678@c.us" }]);
  assert.equal(await lookupPhone(idb, LID), "+212612345678");
  const upgraded = await new Promise((resolve, reject) => {
    const open = idb.open(DB_NAME, 4);
    open.onblocked = () => reject(new Error("blocked by a connection left open"));
    open.onsuccess = () => { open.result.close(); resolve(true); };
  });
  assert.equal(upgraded, true);
});

test("throwing: factory, databases(), open and transaction failures give null", async () => {
  assert.equal(await lookupPhone(null, LID), null);
  assert.equal(await lookupPhone({}, LID), null);
  assert.equal(await lookupPhone({ databases: () => Promise.reject(new Error("denied")), open() {} }, LID), null);
  assert.equal(await lookupPhone({ databases: async () => [{ name: DB_NAME }], open() { throw new Error("SecurityError"); } }, LID), null);
  const real = await whatsappDb([{ id: LID, phoneNumber: "212612345678@c.us" }]);
  let closed = 0;
  const brokenTx = {
    databases: () => real.databases(),
    open(name) {
      const request = real.open(name);
      const wrap = { set onsuccess(fn) {
        request.onsuccess = () => {
          const db = request.result;
          wrap.result = { objectStoreNames: db.objectStoreNames, transaction() { throw new Error("InvalidStateError"); },
            close() { closed += 1; db.close(); } };
          fn();
        };
      }, set onerror(fn) { request.onerror = fn; }, set onblocked(fn) { request.onblocked = fn; },
      set onupgradeneeded(fn) { request.onupgradeneeded = fn; } };
      return wrap;
    },
  };
  assert.equal(await lookupPhone(brokenTx, LID), null);
  assert.equal(closed, 1, "closed after the failure too");
  assert.equal(await lookupPhone(real, 42), null);
});
