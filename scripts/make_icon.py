"""Draws the app icon (resources/icons/app.png, .ico, .icns): the shapes of the built-in image model and
speech waves. Run from the repository root: .venv/bin/python scripts/make_icon.py"""
from PIL import Image, ImageDraw

size = 512
img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
d = ImageDraw.Draw(img)
d.rounded_rectangle((16, 16, size - 16, size - 16), radius=96, fill=(33, 45, 92, 255))
d.ellipse((70, 70, 250, 250), fill=(229, 57, 53, 255))           # a red circle
d.polygon([(360, 70), (450, 240), (270, 240)], fill=(253, 216, 53, 255))  # a yellow triangle
d.rectangle((80, 290, 240, 450), fill=(67, 160, 71, 255))          # a green square
for r in (40, 85, 130):                                              # "speech" waves
    d.arc((300 - r, 370 - r, 300 + r, 370 + r), start=-60, end=60, fill=(144, 202, 249, 255), width=18)
img.save("resources/icons/app.png")
img.save("resources/icons/app.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
img.save("resources/icons/app.icns")
print("ok")
