// Readability of an initiative's version for children, updated as the editor types
// (pact_pages.initiatives.children.ReadabilityPanel). Guidance only: nothing here blocks a
// save. Without JavaScript the panel shows the saved text's score.
(function () {
    "use strict";

    function setUp(panel) {
        if (panel.dataset.ready) return;
        panel.dataset.ready = "1";
        const form = panel.closest("form");
        if (!form) return;
        const fields = panel.dataset.fields.split(" ")
            .map((name) => form.querySelector(`[name="${name}"]`))
            .filter(Boolean);
        const score = panel.querySelector("[data-readability-score]");
        const message = panel.querySelector("[data-readability-message]");
        const tips = panel.querySelector("[data-readability-tips]");
        const template = panel.querySelector("[data-readability-score-template]");
        const token = form.querySelector('input[name="csrfmiddlewaretoken"]');
        let timer = null;
        let sent = 0;

        async function update() {
            const text = fields.map((field) => field.value.trim()).filter(Boolean).join("\n\n");
            const number = ++sent;
            let result;
            try {
                const response = await fetch(panel.dataset.url, {
                    method: "POST",
                    credentials: "same-origin",
                    headers: {
                        "Content-Type": "application/json",
                        "X-CSRFToken": token ? token.value : "",
                    },
                    body: JSON.stringify({ text: text, language: panel.dataset.language }),
                });
                if (!response.ok) return;
                result = await response.json();
            } catch (error) {
                return; // offline: the last score stays
            }
            if (number !== sent) return; // an older answer
            score.textContent = result.score === null
                ? "" : template.content.textContent.replace("__score__", result.score);
            message.textContent = result.message;
            tips.replaceChildren(...result.tips.map((tip) => {
                const item = document.createElement("li");
                item.textContent = tip;
                return item;
            }));
        }

        fields.forEach((field) => field.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(update, 600);
        }));
    }

    function start() {
        document.querySelectorAll("[data-pact-readability]").forEach(setUp);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
