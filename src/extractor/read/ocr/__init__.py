"""read.ocr"""
