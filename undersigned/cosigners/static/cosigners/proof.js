// The proof of work of the form "Add your name" (cosigners/proof.py): before the form is sent,
// fetch a challenge, find its number by trying them with the browser's SHA-256, put the answer
// in the hidden field, then send the form.
"use strict";
(function () {
  async function sha256hex(text) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function solve(challenge) {
    for (let number = 0; number <= challenge.maxnumber; number += 1) {
      if ((await sha256hex(challenge.salt + number)) === challenge.challenge) {
        const answer = {
          algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
          salt: challenge.salt, signature: challenge.signature,
        };
        return btoa(JSON.stringify(answer));
      }
    }
    throw new Error("unsolvable challenge");
  }

  document.querySelectorAll("form[data-proof-url]").forEach((form) => {
    const field = form.querySelector("input[name=proof]");
    const status = form.querySelector(".proof-status");
    let working = false;
    form.addEventListener("submit", async (event) => {
      if (field.value) return;
      event.preventDefault();
      if (working) return;
      working = true;
      status.textContent = status.dataset.working;
      try {
        const response = await fetch(form.dataset.proofUrl, { cache: "no-store" });
        field.value = await solve(await response.json());
        status.textContent = "";
        form.submit();
      } catch (error) {
        status.textContent = status.dataset.failed;
      } finally {
        working = false;
      }
    });
  });
})();
