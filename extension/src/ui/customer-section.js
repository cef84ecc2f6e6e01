// The dialog's customer beyond Name and Phone: the "Existing customer" badge and, when several
// cards share the number, a card picker (in "Customer"); the saved-address chooser, Delivery
// address, City and Email (in "Delivery", placed after the products: docs/extension-ui.md). It fills itself from GET /v1/customers/resolve and never overwrites
// what the seller typed.
(function (root) {
  "use strict";

  function createCustomerSection(dialog, { t, doc }) {
    const section = dialog.shadow.querySelector('section[data-section="customer"]');
    const heading = section.querySelector("h3");
    const badge = doc.createElement("span");
    badge.className = "badge";
    badge.hidden = true;
    heading.appendChild(badge);
    const cards = doc.createElement("div");
    cards.className = "cards";
    cards.setAttribute("role", "radiogroup");
    cards.hidden = true;
    section.insertBefore(cards, section.querySelector('[data-field="name"]'));

    const delivery = dialog.addSection("delivery", t("sectionDelivery"));
    const chooser = dialog.addField(delivery, { id: "address-choice", label: t("addressChoose"), tag: "select" });
    chooser.parentNode.hidden = true;
    const address = dialog.addField(delivery, { id: "address", label: t("fieldAddress") });
    const city = dialog.addField(delivery, { id: "city", label: t("fieldCity") });
    const email = dialog.addField(delivery, { id: "email", label: t("fieldEmail"), type: "email" });
    email.placeholder = t("optional");
    const { name, phone } = dialog.fields;
    Object.assign(dialog.fields, { email, address, city, chooser });

    let card = null;          // the chosen card
    let resolution = null;
    const edited = new Set(); // fields the seller typed in: never overwritten
    for (const input of [name, email, address, city]) input.addEventListener("input", () => edited.add(input));
    for (const input of [address, city]) {
      // Typing over a saved address makes it a new one.
      input.addEventListener("input", () => { if (chooser.value) chooser.value = ""; });
    }
    chooser.addEventListener("change", () => fillAddress(true));

    function option(text, value) {
      const o = doc.createElement("option");
      o.textContent = "\u2068" + text + "\u2069"; // isolated: a Latin address reads right in Arabic
      o.value = value;
      return o;
    }

    function setIfUntouched(input, value) {
      if (!edited.has(input) && value !== undefined && value !== null) input.value = value;
    }

    function fillAddress(force) {
      const chosen = card && card.addresses.find((a) => a.id === chooser.value);
      if (!chosen) {
        if (force) { address.value = ""; city.value = ""; }
        return;
      }
      address.value = chosen.line;
      city.value = chosen.city;
      edited.delete(address);
      edited.delete(city);
    }

    function choose(next) {
      card = next;
      chooser.textContent = "";
      const addresses = (card && card.addresses) || [];
      chooser.parentNode.hidden = addresses.length < 2;
      for (const a of addresses) chooser.appendChild(option(a.line + " — " + a.city, a.id));
      chooser.appendChild(option(t("addressNew"), ""));
      if (!card) {
        badge.hidden = !resolution || !phone.value.trim();
        badge.className = "badge new";
        badge.textContent = t("badgeNew");
        return;
      }
      badge.hidden = false;
      badge.className = "badge existing";
      badge.textContent = t("badgeExisting");
      setIfUntouched(name, card.name);
      setIfUntouched(email, card.email || "");
      if (!phone.value.trim() && card.phone) {
        phone.value = card.phone;
        dialog.showPhoneSource("confirmed");
      }
      if (!edited.has(address) && !edited.has(city)) {
        chooser.value = addresses.length ? addresses[0].id : "";
        fillAddress(false);
      }
    }

    function showCards(list) {
      cards.textContent = "";
      cards.hidden = list.length < 2;
      if (cards.hidden) return;
      const caption = doc.createElement("p");
      caption.className = "hint";
      caption.textContent = t("duplicatesPick");
      cards.appendChild(caption);
      list.forEach((c, i) => {
        const label = doc.createElement("label");
        const radio = doc.createElement("input");
        radio.type = "radio";
        radio.name = "card";
        radio.value = c.id;
        radio.checked = i === 0;
        radio.addEventListener("change", () => { edited.delete(name); edited.delete(email); choose(c); });
        const where = c.addresses && c.addresses[0] ? " · " + c.addresses[0].city : "";
        label.append(radio, doc.createTextNode(c.name + where + " · " + t("panelOrdersCount", String(c.stats.orders))));
        cards.appendChild(label);
      });
    }

    function apply(answer) {
      resolution = answer;
      const list = (answer && answer.customers) || [];
      showCards(list);
      choose(list[0] || null);
    }

    function payload() {
      const line = address.value.trim();
      const town = city.value.trim();
      const out = {
        id: card ? card.id : null,
        name: name.value.trim() || null,
        phone: phone.value.trim() || null,
        email: email.value.trim() || null,
        address_id: null,
        address: null,
      };
      if (card && chooser.value) out.address_id = chooser.value;
      else if (line || town) out.address = { line, city: town };
      return out;
    }

    const PATHS = { "customer.name": name, "customer.phone": phone, "customer.email": email,
      "customer.address.line": address, "customer.address.city": city, "customer.address": address,
      "customer.address_id": chooser, "customer.id": name, "customer": name };
    function fieldFor(path) {
      return PATHS[path] || null;
    }

    // A detail the seller took from the chat (src/ui/take-from-chat.js): typed, as if by hand.
    function take(which, text) {
      const input = { address, city, email }[which];
      if (!input) return null;
      input.value = text;
      const View = input.ownerDocument.defaultView;
      input.dispatchEvent(new View.Event("input", { bubbles: true }));
      input.dispatchEvent(new View.Event("change", { bubbles: true })); // as after typing and leaving
      return input;
    }

    return { apply, payload, fieldFor, take, get card() { return card; } };
  }

  const api = { createCustomerSection };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { customerSection: api });
})(globalThis);
